package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An asynchronous operation is audited twice: when accepted (naming its task) and when its task
 * ends, under the same action and target, as done by the task's owner, with {@code ok} or the
 * error code that ended it. (Tasks ended by a restart: TaskRecoveryIT and CrashIT.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TaskAuditIT {

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void aFinishedTaskIsAuditedUnderTheActionAndTargetOfItsStart() {
        String template = "tpl-" + UUID.randomUUID().toString().substring(0, 8);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"networks\": [], \"memory\": {\"current\": 64}, \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        String vm = template + "-audited";
        String id = api().contentType(ContentType.JSON).body("{\"name\": \"" + vm + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id");

        assertThat(awaitEnd(id).getString("status")).isEqualTo("finished");
        api().get("/api/vms/" + vm).then().statusCode(200);

        // an entry's content reads "<user> <action> <target>: <result> (<what was recorded>)"
        assertThat(entries("vm.create", id)).containsExactlyInAnyOrder(
                "admin vm.create " + vm + " ok admin vm.create " + vm + ": ok (task " + id + ")",
                "admin vm.create " + vm + " ok admin vm.create " + vm + ": ok (task " + id + ": created virtual machine " + vm + ")");
        api().delete("/api/vms/" + vm).then().statusCode(204);
    }

    @Test
    void aFailedTaskIsAuditedWithTheErrorCodeThatEndedIt() throws IOException {
        HttpServer files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        files.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 1024);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(new byte[1024]);
            }
        });
        files.start();
        try {
            String name = "audited-" + UUID.randomUUID().toString().substring(0, 8) + ".img";
            String id = api().contentType(ContentType.JSON)
                    .body("{\"url\": \"http://127.0.0.1:" + files.getAddress().getPort() + "/" + name + "\"}")
                    .post("/api/storagepools/default-pool/storagevolumes").then().statusCode(202).extract().path("id");

            // the test driver has no volume streams: the download fails in its task
            JsonPath task = awaitEnd(id);
            assertThat(task.getString("status")).isEqualTo("failed");
            api().get("/api/storagepools/default-pool/storagevolumes/" + name).then().statusCode(404);

            // a download's request has no name: its entries name the pool
            assertThat(entries("storagevolume.create", id)).containsExactlyInAnyOrder(
                    "admin storagevolume.create default-pool ok admin storagevolume.create default-pool: ok (task " + id + ")",
                    "admin storagevolume.create default-pool HOST0002E admin storagevolume.create default-pool: HOST0002E (task "
                            + id + ": " + task.getString("message") + ")");
        } finally {
            files.stop(0);
        }
    }

    private static JsonPath awaitEnd(String id) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/api/tasks/" + id).then().statusCode(200).extract().jsonPath(),
                        task -> !"running".equals(task.getString("status")));
    }

    /** The entries of {@code action} about task {@code id}: user, action, target, result and content. */
    private static List<String> entries(String action, String id) {
        List<Map<String, Object>> all = api().queryParam("action", action).queryParam("limit", 1000).get("/api/logs")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(entry -> String.valueOf(entry.get("content")).matches(".*\\(task " + id + "[):].*"))
                .map(entry -> entry.get("user") + " " + entry.get("action") + " " + entry.get("target") + " "
                        + entry.get("result") + " " + entry.get("content")).toList();
    }
}
