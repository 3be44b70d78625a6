package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route that Nano's API document names answers under {@code /nano/…}: not with Vireo's "no
 * such route" (404 API0004E, 405 API0005E) but with the Nano envelope of a resource, never a 5xx.
 * The document is read from a copy kept as test data ({@code src/test/resources/seeds/nano-api.md},
 * see the README there). Requests aim at invented ids and send a body no route accepts ({@code []}),
 * so a route that exists refuses them (400, or a documented 404 for the missing object) and
 * nothing changes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NanoRouteCoverageIT {

    static final String SEED = "/seeds/nano-api.md";

    /**
     * Routes of the document that Vireo does not serve yet. A route on this list that answers fails
     * the test, so the list cannot go stale.
     */
    static final Set<String> NOT_YET_SERVED = Set.of();

    /** A route as the document writes it: a method and a path with {parameters}; whether its last parameter is optional. */
    record Route(String method, String path, boolean lastOptional) {
        String key() {
            return method + " " + path;
        }
    }

    private static final Pattern RESOURCE = Pattern.compile("^## .*\\[(/\\S*)]\\s*$");
    private static final Pattern ACTION = Pattern.compile("^### .*\\[(\\w+)(?:\\s+(/\\S*))?]\\s*$");
    private static final Pattern PARAMETER = Pattern.compile("^\\s*\\+ (\\w+) \\(([^)]*)\\)");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{(\\w+)}");

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void everyDocumentedRouteAnswersUnderNano() throws IOException {
        List<Route> routes = routes();
        List<String> unanswered = new ArrayList<>();
        List<String> answeredThoughListed = new ArrayList<>();
        for (Route route : routes) {
            Answer answer = ask(route);
            if (NOT_YET_SERVED.contains(route.key())) {
                if (!answer.noSuchRoute()) {
                    answeredThoughListed.add(route.key() + " now answers " + answer + ": remove it from NOT_YET_SERVED");
                }
            } else if (answer.noSuchRoute() || answer.status() >= 500 || !answer.enveloped()) {
                unanswered.add(route.key() + " → " + answer);
            }
        }
        assertThat(unanswered).as("routes of nano-api.md without an answer under /nano").isEmpty();
        assertThat(answeredThoughListed).as("routes listed as not yet served that answer").isEmpty();
        Set<String> documented = new LinkedHashSet<>(routes.stream().map(Route::key).toList());
        assertThat(documented).as("NOT_YET_SERVED names only routes of the document").containsAll(NOT_YET_SERVED);
    }

    @Test
    void theDocumentIsReadWhole() throws IOException {
        // one route per action heading: a heading the parser missed would go untested
        long actions;
        try (BufferedReader seed = seed()) {
            actions = seed.lines().filter(line -> line.startsWith("### ")).count();
        }
        List<Route> routes = routes();
        assertThat(routes).hasSize((int) actions);
        assertThat(routes).contains(new Route("GET", "/roles/", false), new Route("POST", "/sessions/", false),
                new Route("PUT", "/users/{user_name}/password/", false), new Route("GET", "/roles/{role_name}", true),
                new Route("POST", "/batch/create_guest/{id}", true));
    }

    /** What a route answered to the first form of it that exists, or to the last one tried. */
    record Answer(String path, int status, String code, boolean enveloped) {
        boolean noSuchRoute() {
            return (status == 404 && "API0004E".equals(code)) || (status == 405 && "API0005E".equals(code));
        }

        @Override
        public String toString() {
            return status + " " + code + " at " + path;
        }
    }

    /**
     * Asks the route at its path with invented parameters; a POST whose last parameter is optional and
     * that path has no such route, also at the path without it (Nano's "start a batch": a POST to the
     * collection, which names the new one). Other methods get no second try: a GET of one object must
     * not pass on the strength of its collection's list.
     */
    private static Answer ask(Route route) {
        String path = "/nano" + PATH_PARAMETER.matcher(route.path()).replaceAll(m -> "nfe-none-" + m.group(1));
        Answer answer = send(route.method(), path);
        if (answer.noSuchRoute() && route.lastOptional() && route.method().equals("POST")) {
            String collection = "/nano" + route.path().replaceFirst("\\{\\w+}/?$", "");
            collection = PATH_PARAMETER.matcher(collection).replaceAll(m -> "nfe-none-" + m.group(1));
            answer = send(route.method(), collection);
        }
        return answer;
    }

    private static Answer send(String method, String path) {
        RequestSpecification request = api();
        if (!method.equals("GET")) {
            request = request.contentType(ContentType.JSON).body("[]");
        }
        Response response = request.request(method, path);
        String body = response.asString();
        boolean json = response.contentType() != null && response.contentType().startsWith("application/json") && !body.isEmpty();
        Object errorCode = json ? response.jsonPath().get("error_code") : null;
        String code = json && errorCode != null ? response.jsonPath().getString("data.code") : null;
        return new Answer(path, response.statusCode(), code, errorCode != null);
    }

    /** Every route of the document, in its order. */
    static List<Route> routes() throws IOException {
        List<Route> routes = new ArrayList<>();
        String resource = null;
        Set<String> optional = new LinkedHashSet<>();
        boolean inResourceHead = false;
        try (BufferedReader seed = seed()) {
            for (String line = seed.readLine(); line != null; line = seed.readLine()) {
                Matcher resourceLine = RESOURCE.matcher(line);
                Matcher actionLine = ACTION.matcher(line);
                if (resourceLine.matches()) {
                    resource = resourceLine.group(1);
                    optional.clear();
                    inResourceHead = true;
                } else if (actionLine.matches()) {
                    inResourceHead = false;
                    String path = actionLine.group(2) != null ? actionLine.group(2) : resource;
                    routes.add(new Route(actionLine.group(1).toUpperCase(Locale.ROOT), path, lastOptional(path, optional)));
                } else if (line.startsWith("#")) {
                    inResourceHead = false;
                } else if (inResourceHead) {
                    Matcher parameter = PARAMETER.matcher(line);
                    if (parameter.find() && parameter.group(2).contains("optional")) {
                        optional.add(parameter.group(1));
                    }
                }
            }
        }
        return routes;
    }

    private static boolean lastOptional(String path, Set<String> optional) {
        Matcher last = Pattern.compile("\\{(\\w+)}/?$").matcher(path);
        return last.find() && (optional.contains(last.group(1)) || ID_OPTIONAL_THOUGH_NOT_SO_MARKED.contains(path));
    }

    /**
     * Resources whose document lists its collection actions (list, create) under {@code {id}}
     * without marking it optional, as the disk image resource does: clients create at the collection.
     */
    private static final Set<String> ID_OPTIONAL_THOUGH_NOT_SO_MARKED = Set.of("/media_images/{id}");

    private static BufferedReader seed() {
        InputStream in = NanoRouteCoverageIT.class.getResourceAsStream(SEED);
        assertThat(in).as(SEED + " on the test class path").isNotNull();
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
