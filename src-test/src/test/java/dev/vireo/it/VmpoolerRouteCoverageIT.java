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
import java.util.Map;
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
 * Every route that vmpooler's API document names answers under {@code /vmpooler/api/v1/…} with one
 * of the return codes the document gives that route (or 400 for the body no route accepts), a
 * failure as vmpooler's {@code {"ok": false}}, never with Vireo's "no such route" or a 5xx. The
 * document is read from a copy kept as test data ({@code src/test/resources/seeds/vmpooler-api.md}).
 * Requests name invented tokens, pools and VMs and send {@code []} as body, so nothing changes,
 * but for {@code POST /token}, whose new token is deleted again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VmpoolerRouteCoverageIT {

    static final String SEED = "/seeds/vmpooler-api.md";
    static final String BASE = "/vmpooler/api/v1";

    /** A route as the document heads it, and the return codes it lists. */
    record Route(String method, String path, Set<Integer> codes) {
        String key() {
            return method + " " + path;
        }
    }

    private static final Pattern HEADING = Pattern.compile("^##### (GET|POST|PUT|DELETE) (/\\S*)\\s*$");
    private static final Pattern CODE = Pattern.compile("^\\* (\\d{3})\\b");
    private static final Pattern PARAMETER = Pattern.compile("&lt;(\\w+)&gt;");

    /**
     * Routes the document heads without the parameter its own example sends: reading and deleting an
     * on-demand request names it ({@code curl …/ondemandvm/<request id>}).
     */
    private static final Map<String, String> AS_THE_EXAMPLE_SENDS = Map.of(
            "GET /ondemandvm", "/ondemandvm/&lt;request_id&gt;",
            "DELETE /ondemandvm", "/ondemandvm/&lt;request_id&gt;");

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void everyDocumentedRouteAnswersAsDocumented() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Route route : routes()) {
            String path = BASE + PARAMETER.matcher(AS_THE_EXAMPLE_SENDS.getOrDefault(route.key(), route.path()))
                    .replaceAll(m -> invented(m.group(1)));
            RequestSpecification request = api();
            if (!route.method().equals("GET") && !route.key().equals("POST /token")) {
                request = request.contentType(ContentType.JSON).body("[]");
            }
            Response response = request.request(route.method(), path);
            int status = response.statusCode();
            String body = response.asString();
            boolean json = response.contentType() != null && response.contentType().startsWith("application/json")
                    && !body.isEmpty();
            // a failure is vmpooler's {"ok": false} (with Vireo's code); a success has the shape the document shows
            boolean vmpoolerAnswer = json && (status < 400 || body.startsWith("{") && Boolean.FALSE.equals(response.jsonPath().get("ok")));
            String code = json && body.startsWith("{") ? response.jsonPath().getString("code") : null;
            boolean noSuchRoute = "API0004E".equals(code) || "API0005E".equals(code);
            Set<Integer> codes = route.codes().isEmpty() ? Set.of(200) : route.codes();
            boolean documented = codes.contains(status) || status == 400 && !route.method().equals("GET");
            if (noSuchRoute || status >= 500 || !vmpoolerAnswer || !documented) {
                wrong.add(route.key() + " → " + status + " " + (code == null ? body.substring(0, Math.min(120, body.length())) : code)
                        + " (documented: " + codes + ")");
            }
            if (route.key().equals("POST /token") && status == 200) {
                api().delete(BASE + "/token/" + response.jsonPath().getString("token")).then().statusCode(200);
            }
        }
        assertThat(wrong).as("routes of vmpooler-api.md that do not answer as documented").isEmpty();
    }

    @Test
    void theDocumentIsReadWhole() throws IOException {
        long headings;
        try (BufferedReader seed = seed()) {
            headings = seed.lines().filter(line -> line.startsWith("##### ")).count();
        }
        List<Route> routes = routes();
        assertThat(routes).hasSize((int) headings).hasSizeGreaterThanOrEqualTo(25);
        // the document lists return codes for every route but GET /status (which answers 200)
        assertThat(routes.stream().filter(route -> route.codes().isEmpty()).map(Route::key)).containsExactly("GET /status");
        assertThat(routes.stream().map(Route::key)).contains("POST /vm/&lt;hostname&gt;/disk/&lt;size&gt;",
                "GET /summary", "GET /poolstat?pool=FOO", "DELETE /ondemandvm");
    }

    /** A value no token, pool, VM or request has. */
    private static String invented(String parameter) {
        return switch (parameter) {
            case "size" -> "8";
            case "request_id" -> "00000000-0000-4000-8000-000000000000";
            default -> "nfenone" + parameter.replace("_", "");
        };
    }

    /** Every route of the document, in its order, with the codes listed under it; optional query parts dropped. */
    static List<Route> routes() throws IOException {
        List<Route> routes = new ArrayList<>();
        String method = null;
        String path = null;
        Set<Integer> codes = new LinkedHashSet<>();
        try (BufferedReader seed = seed()) {
            for (String line = seed.readLine(); line != null; line = seed.readLine()) {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches() || line.startsWith("#### ") || line.startsWith("### ")) {
                    if (method != null) {
                        routes.add(new Route(method, path, Set.copyOf(codes)));
                    }
                    method = heading.matches() ? heading.group(1) : null;
                    path = heading.matches() ? heading.group(2).replaceAll("\\[.*]$", "") : null;
                    codes.clear();
                } else if (method != null) {
                    Matcher code = CODE.matcher(line);
                    if (code.find()) {
                        codes.add(Integer.parseInt(code.group(1)));
                    }
                }
            }
        }
        if (method != null) {
            routes.add(new Route(method, path, Set.copyOf(codes)));
        }
        return routes;
    }

    private static BufferedReader seed() {
        InputStream in = VmpoolerRouteCoverageIT.class.getResourceAsStream(SEED);
        assertThat(in).as(SEED + " on the test class path").isNotNull();
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
