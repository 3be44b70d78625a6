package dev.vireo.it;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The routes of the server's OpenAPI document, read at test time, so that a new route is covered at once. */
final class OpenApiRoutes {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    /**
     * One operation: method, path template ({@code /api/vms/{name}}), its query parameters and the
     * schema of its JSON body (null when it takes none).
     */
    record Route(String method, String path, List<String> query, Map<String, Object> body, boolean multipart,
                 boolean binary) {

        /** The path parameters, in order. */
        List<String> parameters() {
            List<String> names = new ArrayList<>();
            Matcher m = PARAMETER.matcher(path);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        /** The literal segment before a parameter: what kind of object it names ({@code vms}, {@code members}). */
        String kindOf(String parameter) {
            String before = path.substring(0, path.indexOf("{" + parameter + "}") - 1);
            return before.substring(before.lastIndexOf('/') + 1);
        }

        /** The path with each parameter replaced by what {@code value} answers for it (already URI-encoded). */
        String fill(java.util.function.Function<String, String> value) {
            Matcher m = PARAMETER.matcher(path);
            StringBuilder filled = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(filled, Matcher.quoteReplacement(value.apply(m.group(1))));
            }
            m.appendTail(filled);
            return filled.toString();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final JsonPath document;

    private OpenApiRoutes(JsonPath document) {
        this.document = document;
    }

    static OpenApiRoutes read() {
        return new OpenApiRoutes(JsonPath.from(given().baseUri(Vireo.BASE).get("/openapi?format=JSON").then()
                .statusCode(200).extract().asString()));
    }

    @SuppressWarnings("unchecked")
    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Object> op = (Map<String, Object>) operation;
            List<String> query = new ArrayList<>();
            for (Map<String, Object> parameter : (List<Map<String, Object>>) op.getOrDefault("parameters", List.of())) {
                if ("query".equals(parameter.get("in"))) {
                    query.add((String) parameter.get("name"));
                }
            }
            Map<String, Object> content = op.get("requestBody") instanceof Map<?, ?> body
                    ? (Map<String, Object>) ((Map<String, Object>) body).get("content") : Map.of();
            Map<String, Object> json = content.get("application/json") instanceof Map<?, ?> media
                    ? resolve((Map<String, Object>) ((Map<String, Object>) media).get("schema")) : null;
            routes.add(new Route(method.toUpperCase(), path, query, json, content.containsKey("multipart/form-data"),
                    content.containsKey("application/octet-stream")));
        }));
        return routes;
    }

    /** The API's routes: those of test-only modules deployed beside it (a probe) are no part of it. */
    List<Route> apiRoutes() {
        return routes().stream().filter(route -> route.path().startsWith("/api/")).toList();
    }

    /** The schema itself when {@code schema} is a {@code $ref} to one of the document's components. */
    @SuppressWarnings("unchecked")
    Map<String, Object> resolve(Map<String, Object> schema) {
        if (schema == null || !(schema.get("$ref") instanceof String ref)) {
            return schema;
        }
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        return (Map<String, Object>) document.getMap("components.schemas").get(name);
    }
}
