package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A volume whose content is still arriving says so and is neither read, copied nor attached until
 * it is complete; a download that fails leaves neither the volume nor its mark. (Downloads cut
 * short by a crash: CrashIT; a download under way, and attaching once complete, on a real
 * hypervisor: RealHypervisorIT.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IncompleteVolumeIT {

    private static final String POOL = "default-pool";
    private static final String VOLUMES = "/api/storagepools/" + POOL + "/storagevolumes";

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void aVolumeAwaitingItsUploadIsMarkedAndNotAttached() throws SQLException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String upload = accepted("{\"name\": \"up-" + suffix + ".img\", \"upload\": true, \"capacity\": 4096}");
        String complete = accepted("{\"name\": \"whole-" + suffix + ".img\", \"capacity\": 4096, \"format\": \"raw\"}");
        api().get(VOLUMES + "/" + upload).then().statusCode(200).body("state", equalTo("uploading"))
                .body("isvalid", equalTo(false));
        api().get(VOLUMES).then().statusCode(200)
                .body("findAll { it.name == '" + upload + "' || it.name == '" + complete + "' }.collect { it.name + ' ' + it.state }",
                        contains(upload + " uploading", complete + " ready"));

        String vm = vm(suffix);
        List<String> disks = api().get("/api/vms/" + vm + "/storages").then().extract().path("vol");
        attach(vm, upload).statusCode(409).body("code", equalTo("STG0015E")).body("reason", org.hamcrest.Matchers.containsString(upload));
        api().get("/api/vms/" + vm + "/storages").then().body("vol", equalTo(disks));
        // a complete volume gets past Vireo's checks to libvirt, whose test driver cannot attach disks
        attach(vm, complete).statusCode(409).body("code", equalTo("HOST0002E"))
                .body("reason", org.hamcrest.Matchers.containsString("virDomainAttachDeviceFlags"));

        // nor does a VM start from it, as a template's base image
        String template = "tpl-base-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"networks\": [], \"memory\": {\"current\": 64},"
                        + " \"disks\": [{\"volume\": \"" + upload + "\", \"format\": \"raw\", \"pool\": {\"name\": \"" + POOL + "\"}}]}")
                .post("/api/templates").then().statusCode(201);
        api().contentType(ContentType.JSON).body("{\"name\": \"based-" + suffix + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(409).body("code", equalTo("STG0015E"));
        api().get("/api/vms/based-" + suffix).then().statusCode(404);
        api().delete("/api/templates/" + template).then().statusCode(204);

        assertThat(marks(upload)).isEqualTo(1);
        api().delete(VOLUMES + "/" + upload).then().statusCode(204);
        assertThat(marks(upload)).isZero();
        api().delete("/api/vms/" + vm).then().statusCode(204);
    }

    @Test
    void aFailedDownloadLeavesNeitherItsVolumeNorItsMark() throws IOException, SQLException {
        HttpServer files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        files.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 4096);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(new byte[4096]);
            }
        });
        files.start();
        try {
            String name = "dl-" + UUID.randomUUID().toString().substring(0, 8) + ".img";
            String id = api().contentType(ContentType.JSON)
                    .body("{\"url\": \"http://127.0.0.1:" + files.getAddress().getPort() + "/" + name + "\"}")
                    .post(VOLUMES).then().statusCode(202).extract().path("id");
            // the test driver has no volume streams: the volume is made, marked, and its filling fails
            String status = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> api().get("/api/tasks/" + id).then().extract().<String>path("status"), s -> !"running".equals(s));
            assertThat(status).isEqualTo("failed");
            api().get(VOLUMES + "/" + name).then().statusCode(404);
            assertThat(marks(name)).isZero();
        } finally {
            files.stop(0);
        }
    }

    private static String accepted(String json) {
        String id = api().contentType(ContentType.JSON).body(json).post(VOLUMES).then().statusCode(202).extract().path("id");
        String status = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/api/tasks/" + id).then().extract().<String>path("status"), s -> !"running".equals(s));
        assertThat(status).isEqualTo("finished");
        String uri = api().get("/api/tasks/" + id).then().extract().path("target_uri");
        return uri.substring(uri.lastIndexOf('/') + 1);
    }

    private static String vm(String suffix) {
        String template = "tpl-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"networks\": [], \"memory\": {\"current\": 64}, \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + POOL + "\"}}]}")
                .post("/api/templates").then().statusCode(201);
        String vm = "incomplete-" + suffix;
        String id = api().contentType(ContentType.JSON).body("{\"name\": \"" + vm + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        String status = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/api/tasks/" + id).then().extract().<String>path("status"), s -> !"running".equals(s));
        assertThat(status).isEqualTo("finished");
        return vm;
    }

    private static io.restassured.response.ValidatableResponse attach(String vm, String volume) {
        return api().contentType(ContentType.JSON).body("{\"type\": \"disk\", \"pool\": \"" + POOL + "\", \"vol\": \"" + volume + "\"}")
                .post("/api/vms/" + vm + "/storages").then();
    }

    /** The records that mark the volume as being filled. */
    private static int marks(String volume) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select count(*) from volume_upload where pool = ? and volume = ?")) {
            query.setString(1, POOL);
            query.setString(2, volume);
            try (ResultSet count = query.executeQuery()) {
                count.next();
                return count.getInt(1);
            }
        }
    }
}
