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
 * Every route and action that Comet's API document names answers under {@code /comet/…} with a
 * success or a 4xx of Vireo's {@code {"code", "reason"}} (the document gives no codes of its own),
 * never with Vireo's "no such route" (API0004E, API0005E) nor a 5xx. The document is read from a
 * copy kept as test data ({@code src/test/resources/seeds/comet-api.md}). Requests name invented
 * clusters, VMs, snapshots, pools, volumes and servers and send {@code []} as body, so nothing
 * changes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CometRouteCoverageIT {

    static final String SEED = "/seeds/comet-api.md";
    static final String BASE = "/comet";

    private static final Pattern URI = Pattern.compile("^\\*\\*URI:\\*\\* (/\\S*)");
    private static final Pattern METHOD = Pattern.compile("\\*\\*(GET|POST|PUT|DELETE)\\*\\*:\\s*(\\S*)");
    private static final Pattern ACTIONS = Pattern.compile("^\\*\\*(?:\\w+ )?Actions \\(POST\\):\\*\\*");
    private static final Pattern ACTION = Pattern.compile("^-\\s+(\\w+):");
    private static final Pattern VARIABLE = Pattern.compile("\\*:(\\w+)\\*");

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void everyDocumentedRouteAnswers() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String route : routes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = BASE + VARIABLE.matcher(route.substring(route.indexOf(' ') + 1))
                    .replaceAll(m -> "nfenone" + m.group(1));
            RequestSpecification request = api().redirects().follow(false);
            if (!method.equals("GET") && !method.equals("DELETE")) {
                request = request.contentType(ContentType.JSON).body("[]");
            }
            Response response = request.request(method, path);
            int status = response.statusCode();
            String body = response.asString();
            String code = body.startsWith("{") ? response.jsonPath().getString("code") : null;
            boolean noSuchRoute = "API0004E".equals(code) || "API0005E".equals(code);
            boolean success = status >= 200 && status < 400;
            boolean vireoRefusal = status >= 400 && status < 500 && code != null;
            if (noSuchRoute || !(success || vireoRefusal)) {
                wrong.add(route + " → " + status + " " + (code == null ? body.substring(0, Math.min(120, body.length())) : code));
            }
        }
        assertThat(wrong).as("routes of comet-api.md that do not answer").isEmpty();
    }

    @Test
    void theDocumentIsReadWhole() throws IOException {
        List<String> routes = routes();
        long uris;
        try (BufferedReader seed = seed()) {
            uris = seed.lines().filter(line -> URI.matcher(line).find()).count();
        }
        assertThat(uris).isEqualTo(16);
        assertThat(routes).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(35).contains(
                "GET /cluster", "POST /cluster", "PUT /cluster/*:name*", "POST /cluster/*:name*/stop",
                "POST /cluster/*:name*/vms/*:name*/reset", "GET /cluster/*:name*/vms/*:name*/console",
                "POST /cluster/*:name*/vms/*:name*/storages", "DELETE /cluster/*:name*/vms/*:name*/storages/*:zvol*",
                "POST /cluster/*:name*/vms/*:name*/storages/*:zvol*/unmap",
                "GET /cluster/*:name*/vms/*:name*/snapshots/*:snapshot*",
                "POST /cluster/*:name*/vms/*:name*/snapshots/*:snapshot*/revert",
                "POST /storagepools/*:name*/deactivate", "POST /storagepools/*:poolname*/storagevolumes",
                "GET /storagepools/*:poolname*/storagevolumes/*:name*", "GET /storageservers/*:host*",
                "GET /storageservers/*:name*/storagezpools");
        // a resource's POST that only points at its actions is no route of its own
        assertThat(routes).doesNotContain("POST /cluster/*:name*", "POST /storagepools/*:name*");
    }

    /**
     * Every route of the document in its order, as "METHOD path": the methods named under each
     * URI (a POST that says "See … Actions" stands for the actions), and a POST per action.
     */
    static List<String> routes() throws IOException {
        Set<String> routes = new LinkedHashSet<>();
        String uri = null;
        boolean inActions = false;
        try (BufferedReader seed = seed()) {
            for (String line = seed.readLine(); line != null; line = seed.readLine()) {
                Matcher heading = URI.matcher(line);
                if (line.startsWith("### ")) {
                    uri = null;
                    inActions = false;
                    continue;
                }
                if (heading.find()) {
                    uri = heading.group(1);
                }
                if (uri == null) {
                    continue;
                }
                if (ACTIONS.matcher(line).find()) {
                    inActions = true;
                    continue;
                }
                Matcher action = ACTION.matcher(line);
                if (inActions && action.find()) {
                    routes.add("POST " + uri + "/" + action.group(1));
                    continue;
                }
                Matcher method = METHOD.matcher(line);
                while (method.find()) {
                    if (!(method.group(1).equals("POST") && method.group(2).contains("See"))) {
                        routes.add(method.group(1) + " " + uri);
                    }
                }
            }
        }
        return List.copyOf(routes);
    }

    private static BufferedReader seed() {
        InputStream in = CometRouteCoverageIT.class.getResourceAsStream(SEED);
        assertThat(in).as(SEED + " on the test class path").isNotNull();
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
