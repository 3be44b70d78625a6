package dev.vireo.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input over every route of the OpenAPI document (read at test time): odd names in path
 * segments, over-long parameters, wrong JSON types and over-long strings in every field of every
 * body, malformed and over-large bodies. Each is refused with a 4xx and a JSON error {code,
 * reason} naming the field at fault, never a 5xx, and no collection changes (nor libvirt's domains).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadInputIT {

    /** One more byte than {@code Limits.BODY_BYTES}, and than {@code Limits.UPLOAD_BODY_BYTES}. */
    private static final int OVER_BODY_LIMIT = (1 << 20) + 1;
    private static final int OVER_UPLOAD_LIMIT = (9 << 20) + 1;
    private static final String LONG = "x".repeat(5000);
    /** A valid name that names nothing: body checks come before any lookup. */
    private static final String NONE = "bi-none";

    /**
     * Odd names, URI-encoded as sent: traversal, control characters, markup, not UTF-8. Each path
     * parameter gets {@link #ODD_PER_PARAMETER} of them in turn (all of them over the routes, in few
     * requests: the suite runs on two shared cores), and always a very long one.
     */
    private static final List<String> ODD_SEGMENTS = List.of("%2e%2e", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "..%5C..%5Cwin.ini",
            "a%00b", "a%0Ab%0Dc", "a%1Bb%7F", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "a%22b%27c%3B", "%FF%FE",
            "%E2%80%AEtxt");
    private static final int ODD_PER_PARAMETER = 2;

    private static final Set<String> FIELD_CODES = Set.of("API0002E", "API0011E");

    private static Fixture fixture;

    private final List<String> failures = new ArrayList<>();
    private Map<String, List<String>> before;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.earWithTaskProbe();
    }

    /** Real objects for the path parameters that are not the odd one, so that the odd one is the one looked at. */
    private record Fixture(String token, String tokenId, String template, String vm, String volume, String user,
                           String group, String role, String task) {

        String real(OpenApiRoutes.Route route, String parameter) {
            return switch (route.kindOf(parameter)) {
                case "vms", "vmholders" -> vm;
                case "templates" -> template;
                case "storagepools" -> "default-pool";
                case "storagevolumes" -> volume;
                case "networks" -> "default";
                case "users", "members" -> user;
                case "user_groups" -> group;
                case "roles" -> role;
                case "token" -> tokenId;
                case "tasks" -> task;
                // a real pool, so that an odd cell is the one looked at
                case "compute_pool_status", "compute_cell_status", "instance_status" -> "default";
                default -> NONE;
            };
        }
    }

    @BeforeEach
    void snapshot() {
        if (fixture == null) {
            fixture = createFixture();
        }
        before = collections();
    }

    @AfterEach
    void nothingChanged() {
        assertThat(collections()).as("collections after bad input").isEqualTo(before);
    }

    /** The fixture goes, so that the tests after these find the server as they would without them. */
    @AfterAll
    static void removeFixture() {
        if (fixture == null) {
            return;
        }
        admin().post("/api/vms/" + fixture.vm() + "/poweroff");
        admin().delete("/api/vms/" + fixture.vm()).then().statusCode(204);
        admin().delete("/api/templates/" + fixture.template()).then().statusCode(204);
        admin().delete("/api/users/" + fixture.user()).then().statusCode(204);
        admin().delete("/api/user_groups/" + fixture.group()).then().statusCode(204);
        admin().delete("/api/roles/" + fixture.role()).then().statusCode(204);
        admin().delete("/api/token/" + fixture.tokenId());
        fixture = null;
    }

    @Test
    void oddNamesInPathSegmentsAreRefusedInJson() {
        int next = 0;
        for (OpenApiRoutes.Route route : OpenApiRoutes.read().apiRoutes()) {
            for (String odd : route.parameters()) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < ODD_PER_PARAMETER; i++) {
                    values.add(ODD_SEGMENTS.get(next++ % ODD_SEGMENTS.size()));
                }
                values.add(LONG);
                for (String value : values) {
                    String path = route.fill(p -> p.equals(odd) ? value : fixture.real(route, p));
                    String what = route + " with " + odd + "=" + abbreviate(value);
                    Response response = withEmptyBody(admin(), route).request(route.method(), path);
                    refused(what, response, value.equals(LONG) ? odd : null, value.equals(LONG) ? Set.of("API0011E") : null);
                }
            }
        }
        assertThat(next).as("odd path segments sent").isGreaterThan(2 * ODD_SEGMENTS.size());
        assertThat(failures).as("bad answers to odd path segments").isEmpty();
    }

    @Test
    void overlongQueryParametersAreRefusedNamingThem() {
        int checked = 0;
        for (OpenApiRoutes.Route route : OpenApiRoutes.read().apiRoutes()) {
            for (String parameter : route.query()) {
                String path = route.fill(p -> fixture.real(route, p)) + "?" + parameter + "=" + LONG;
                refused(route + "?" + parameter + "=<5000 characters>",
                        withEmptyBody(admin(), route).request(route.method(), path), parameter, Set.of("API0011E"));
                checked++;
            }
        }
        // a number that does not fit its parameter is refused naming it, not a 404
        refused("GET /api/logs?limit=abc", admin().get("/api/logs?limit=abc"), "limit", Set.of("LOG0001E"));
        refused("GET /api/logs?start=99999999999", admin().get("/api/logs?start=99999999999"), "start", Set.of("LOG0001E"));
        assertThat(checked).as("query parameters in the OpenAPI document").isGreaterThan(5);
        assertThat(failures).as("bad answers to over-long query parameters").isEmpty();
    }

    @Test
    void oddHostNamesAreNoHostAndAnOverlongOneIsRefusedNamingIt() {
        List<String> routes = List.of("GET /api/storagepools", "GET /api/storagepools/default-pool",
                "GET /api/storagepools/default-pool/storagevolumes", "GET /api/networks", "GET /api/networks/default",
                "POST /api/networks", "POST /api/storagepools", "DELETE /api/storagepools/" + NONE,
                "GET /plugins/kimchi/storagepools", "GET /api/vms");
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            for (String odd : ODD_SEGMENTS) {
                // a body that would make the pool or network on the default host: only the host is wrong
                String body = "{\"name\": \"" + NONE + "\", \"type\": \"dir\", \"path\": \"/var/tmp/" + NONE + "\"}";
                Response response = admin().contentType("application/json")
                        .body(path.equals("/api/networks") ? "{\"name\": \"" + NONE + "\"}" : body)
                        .request(method, path + "?host=" + odd);
                refused(route + "?host=" + odd, response, null, Set.of("ZONE0001E"));
            }
            refused(route + "?host=<5000 characters>", admin().contentType("application/json").body("{}")
                    .request(method, path + "?host=" + LONG), "host", Set.of("API0011E"));
        }
        assertThat(failures).as("bad answers to odd host names").isEmpty();
    }

    @Test
    void wrongTypesOutOfRangeNumbersAndOverlongStringsInBodiesAreRefusedNamingTheField() {
        OpenApiRoutes openApi = OpenApiRoutes.read();
        int bodies = 0;
        for (OpenApiRoutes.Route route : openApi.apiRoutes()) {
            if (route.body() == null) {
                continue;
            }
            String path = route.fill(p -> NONE);
            Map<String, String> cases = new LinkedHashMap<>();
            badBodies(openApi, route.body(), null, 0, cases);
            assertThat(cases).as(route + ": fields to spoil").isNotEmpty();
            for (Map.Entry<String, String> bad : cases.entrySet()) {
                String field = bad.getKey().substring(0, bad.getKey().indexOf(' '));
                Response response = admin().contentType(ContentType.JSON).body(bad.getValue()).request(route.method(), path);
                refused(route + " " + abbreviate(bad.getKey()), response, field, FIELD_CODES);
                bodies++;
            }
        }
        System.out.println("BadInputIT: " + bodies + " spoilt bodies");
        assertThat(bodies).as("spoilt bodies sent").isGreaterThan(100);
        assertThat(failures).as("bad answers to spoilt bodies").isEmpty();
    }

    @Test
    void malformedAndOverLargeBodiesAreRefused() throws Exception {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        List<String> malformed = List.of("{", deep, "{\"name\": }", "[1, 2", "nul", "{\"name\": \"a\" \"b\"}", "\u0000\u0001");
        List<String> fewer = malformed.subList(0, 2);
        byte[] huge = ("{\"name\": \"" + "x".repeat(OVER_BODY_LIMIT) + "\"}").getBytes();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (OpenApiRoutes.Route route : OpenApiRoutes.read().apiRoutes()) {
            String path = route.fill(p -> NONE);
            for (String body : route.body() != null ? malformed : fewer) {
                Response response = admin().contentType(ContentType.JSON).body(body).request(route.method(), path);
                if (route.body() != null) {
                    refused(route + " with body " + abbreviate(body), response, null, Set.of("API0001E", "API0002E"));
                } else {
                    // a route that takes no body may ignore one; it must not fail on it
                    answered(route + " with body " + abbreviate(body), response);
                }
            }
            if (route.multipart()) {
                refused(route + " with a multipart body over the upload limit", admin()
                        .contentType("multipart/form-data; boundary=xyz").body(new byte[OVER_UPLOAD_LIMIT])
                        .request(route.method(), path), null, Set.of("API0012E"));
                refused(route + " with a malformed multipart body", admin().contentType("multipart/form-data; boundary=xyz")
                        .body("not multipart at all".getBytes()).request(route.method(), path), null, null);
                continue;
            }
            if (route.binary()) {
                // raw content (an image's): bounded as a multipart body is
                refused(route + " with a binary body over the upload limit", admin().contentType(ContentType.BINARY)
                        .body(new byte[OVER_UPLOAD_LIMIT]).request(route.method(), path), null, Set.of("API0012E"));
                continue;
            }
            refused(route + " with a body over the limit", admin().contentType(ContentType.JSON).body(huge)
                    .request(route.method(), path), null, Set.of("API0012E"));
            if (route.body() != null) {
                // no Content-Length: the limit holds while the body is read
                HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(URI.create(Vireo.BASE + path))
                        .header("X-AUTH-TOKEN", fixture.token()).header("Content-Type", "application/json")
                        .method(route.method(), HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (chunked.statusCode() != 413 || !chunked.body().contains("API0012E")) {
                    failures.add(route + " with a chunked body over the limit → " + chunked.statusCode() + " "
                            + abbreviate(chunked.body()));
                }
            }
        }
        assertThat(failures).as("bad answers to malformed and over-large bodies").isEmpty();
    }

    @Test
    void theKimchiRootRefusesWrongTypesAsTheNativeOneDoes() {
        // Kimchi's own server checks types against its JSON schemas: no leniency to keep here
        for (String body : List.of("{\"name\": 0}", "{\"name\": true}")) {
            refused("POST /plugins/kimchi/templates " + body, admin().contentType(ContentType.JSON).body(body)
                    .post("/plugins/kimchi/templates"), "name", Set.of("API0002E"));
        }
        refused("POST /plugins/kimchi/users with a password of 9223372036854775808", admin().contentType(ContentType.JSON)
                .body("{\"name\": \"bi-typed\", \"password\": 9223372036854775808}").post("/plugins/kimchi/users"),
                "password", Set.of("API0002E"));
        assertThat(failures).isEmpty();
    }

    @Test
    void anOverlongUserNameIsRefusedAndTheAuditLogKeepsItShortened() {
        String name = "u".repeat(3000);
        given().baseUri(Vireo.BASE).accept(ContentType.JSON).auth().preemptive().basic(name, "whatever").get("/api/vms")
                .then().statusCode(401).body("code", org.hamcrest.Matchers.equalTo("AUTH0002E"));
        refused("POST /api/sessions with a 3,000-character user", given().baseUri(Vireo.BASE).contentType(ContentType.JSON)
                .body("{\"user\": \"" + name + "\", \"password\": \"whatever\"}").post("/api/sessions"), "user",
                Set.of("API0011E"));
        JsonPath logins = admin().get("/api/logs?action=login&limit=20").then().statusCode(200).extract().jsonPath();
        List<String> actors = logins.getList("user", String.class);
        assertThat(actors).as("the failed login's entry, its actor cut to its column")
                .anySatisfy(actor -> assertThat(actor).startsWith("uuuu").endsWith("…").hasSizeLessThanOrEqualTo(64));
        assertThat(failures).isEmpty();
    }

    // bodies

    /**
     * Fills {@code cases} with bodies that each spoil one field of {@code schema}, keyed by
     * "field-path what": a value of each wrong JSON type, a string over every limit, a number out
     * of its range; nested objects (and objects in lists) one level down.
     */
    @SuppressWarnings("unchecked")
    private static void badBodies(OpenApiRoutes openApi, Map<String, Object> schema, String where, int depth,
                                  Map<String, String> cases) {
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        properties.forEach((name, value) -> {
            Map<String, Object> property = openApi.resolve((Map<String, Object>) value);
            String path = where == null ? name : where + "." + name;
            Map<String, String> spoilt = new LinkedHashMap<>();
            String type = property.get("properties") != null ? "object" : (String) property.get("type");
            switch (type == null ? "" : type) {
                case "string" -> {
                    spoilt.put(path + " as a number", "0");
                    spoilt.put(path + " as a boolean", "true");
                    spoilt.put(path + " over-long", "\"" + LONG + "\"");
                }
                case "integer" -> {
                    spoilt.put(path + " as a text", "\"1\"");
                    spoilt.put(path + " as a fraction", "1.5");
                    spoilt.put(path + " out of range", "int32".equals(property.get("format"))
                            ? "2147483648" : "9223372036854775808");
                }
                case "number" -> {
                    spoilt.put(path + " as a text", "\"1\"");
                    spoilt.put(path + " out of range", "1e400");
                }
                case "boolean" -> {
                    spoilt.put(path + " as a text", "\"true\"");
                    spoilt.put(path + " as a number", "1");
                }
                case "array" -> {
                    spoilt.put(path + " as an object", "{}");
                    Map<String, Object> items = openApi.resolve((Map<String, Object>) property.get("items"));
                    if (items != null && "string".equals(items.get("type"))) {
                        spoilt.put(path + "[0] as a number", "[0]");
                        spoilt.put(path + "[1] over-long", "[\"a\", \"" + LONG + "\"]");
                    } else if (items != null && items.get("properties") != null && depth < 2) {
                        Map<String, String> inner = new LinkedHashMap<>();
                        badBodies(openApi, items, path + "[0]", depth + 1, inner);
                        inner.forEach((what, body) -> spoilt.put(what, "[" + body + "]"));
                    }
                }
                case "object" -> {
                    spoilt.put(path + " as a text", "\"a\"");
                    if (depth < 2) {
                        badBodies(openApi, property, path, depth + 1, spoilt);
                    }
                }
                default -> {
                    // a field of any JSON: nothing is wrong for it
                }
            }
            spoilt.forEach((what, json) -> cases.put(what, "{\"" + name + "\": " + json + "}"));
        });
    }

    // answers

    /**
     * A refusal: 4xx, never 5xx nor success, with a JSON {code, reason}; the reason names
     * {@code field} when one is at fault, and the code is one of {@code codes} when given.
     */
    private void refused(String what, Response response, String field, Set<String> codes) {
        int status = response.statusCode();
        String body = response.asString();
        if (status < 400 || status >= 500) {
            failures.add(what + " → " + status + " " + abbreviate(body));
            return;
        }
        JsonPath json;
        try {
            json = JsonPath.from(body);
            json.getString("code");
        } catch (RuntimeException e) {
            failures.add(what + " → " + status + " without a JSON error: " + abbreviate(body));
            return;
        }
        // Nano's face answers in its envelope: the status as error_code, the sentence as message, the code in data
        boolean nano = json.get("error_code") != null;
        String code = json.getString(nano ? "data.code" : "code");
        String reason = json.getString(nano ? "message" : "reason");
        if (nano && json.getInt("error_code") != status) {
            failures.add(what + " → " + status + " with error_code " + json.getInt("error_code"));
        } else if (code == null || reason == null || !String.valueOf(response.contentType()).startsWith("application/json")) {
            failures.add(what + " → " + status + " not a JSON {code, reason} (or Nano's envelope): " + abbreviate(body));
        } else if (codes != null && !codes.contains(code)) {
            failures.add(what + " → " + status + " " + code + " (expected one of " + codes + "): " + abbreviate(reason));
        } else if (field != null && !reason.contains(field)) {
            failures.add(what + " → " + status + " " + code + " does not name " + field + ": " + abbreviate(reason));
        }
    }

    /** Any answer but a 5xx; an error is a JSON {code, reason}. */
    private void answered(String what, Response response) {
        if (response.statusCode() >= 400) {
            refused(what, response, null, null);
        }
    }

    // the server's state

    /** The names in every collection, and the domains libvirt has. */
    private static Map<String, List<String>> collections() {
        Map<String, List<String>> names = new TreeMap<>();
        for (String collection : List.of("vms", "templates", "storagepools", "networks", "users", "user_groups", "roles")) {
            names.put(collection, names(admin().get("/api/" + collection).then().statusCode(200).extract().jsonPath()));
        }
        JsonPath pools = admin().get("/api/storagepools").then().extract().jsonPath();
        for (int i = 0; i < pools.getList("$").size(); i++) {
            if ("active".equals(pools.getString("[" + i + "].state"))) {
                String pool = pools.getString("[" + i + "].name");
                names.put("volumes of " + pool, names(admin().get("/api/storagepools/" + pool + "/storagevolumes")
                        .then().statusCode(200).extract().jsonPath()));
            }
        }
        names.put("libvirt domains", given().baseUri(Vireo.BASE + "/vireo-probe").get("/domains").then().statusCode(200)
                .extract().jsonPath().getList("$", String.class));
        assertThat(names.get("libvirt domains")).as("libvirt's own list").contains(fixture.vm()).containsAll(names.get("vms"));
        return names;
    }

    private static List<String> names(JsonPath list) {
        List<Object> items = list.getList("$");
        return items.stream().map(item -> item instanceof Map<?, ?> map ? String.valueOf(map.get("name")) : String.valueOf(item))
                .sorted().toList();
    }

    // fixture

    private static RequestSpecification admin() {
        return given().baseUri(Vireo.BASE).accept("*/*").urlEncodingEnabled(false).auth().preemptive()
                .basic(dev.vireo.TestAccounts.ADMIN, dev.vireo.TestAccounts.ADMIN_PASSWORD);
    }

    private static Fixture createFixture() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        JsonPath issued = admin().post("/api/token").then().statusCode(200).extract().jsonPath();
        String template = "bi-" + suffix;
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"memory\": {\"current\": 256, \"maxmemory\": 512},"
                        + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        String task = admin().contentType(ContentType.JSON)
                .body("{\"name\": \"bi-vm-" + suffix + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id").toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> !"running".equals(admin().get("/api/tasks/" + task).path("status")));
        assertThat(admin().get("/api/tasks/" + task).<String>path("status")).isEqualTo("finished");
        String vm = "bi-vm-" + suffix;
        String volume = admin().get("/api/vms/" + vm + "/storages").then().statusCode(200).extract().path("find { it.vol != null }.vol");
        String user = "bi" + suffix;
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + user + "\", \"password\": \"pw-" + suffix + "-secret\","
                + " \"groups\": [\"users\"]}").post("/api/users").then().statusCode(201);
        String role = "bir" + suffix;
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + role + "\", \"permissions\": [\"vm.read\"]}")
                .post("/api/roles").then().statusCode(201);
        String group = "big" + suffix;
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + group + "\", \"display\": \"Bad input\", \"role\": [\""
                + role + "\"]}").post("/api/user_groups").then().statusCode(201);
        return new Fixture(issued.getString("token"), issued.getString("id"), template, vm, volume, user, group, role, task);
    }

    /** A JSON route gets an empty object, a multipart route an empty form: what a client sends, bar the fault. */
    private static RequestSpecification withEmptyBody(RequestSpecification request, OpenApiRoutes.Route route) {
        if (route.body() != null) {
            return request.contentType(ContentType.JSON).body("{}");
        }
        if (route.multipart()) {
            return request.contentType("multipart/form-data; boundary=xyz").body("--xyz--\r\n".getBytes());
        }
        return request;
    }

    private static String abbreviate(String text) {
        String shown = text.length() <= 160 ? text : text.substring(0, 160) + "…(" + text.length() + ")";
        StringBuilder printable = new StringBuilder();
        for (char c : shown.toCharArray()) {
            printable.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return printable.toString();
    }
}
