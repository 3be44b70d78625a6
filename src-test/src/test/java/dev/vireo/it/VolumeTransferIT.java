package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Volume content in and out (download from a URL, chunked upload, content download) and clones,
 * on libvirt's test driver. That driver has no volume streams (virStorageVolUpload and
 * virStorageVolDownload are "not supported"): here every check up to the stream and the clear
 * error of the stream itself; the bytes really moving are proven in RealHypervisorIT.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VolumeTransferIT {

    private static final String POOL = "default-pool";
    private static final String VOLUMES = "/api/storagepools/" + POOL + "/storagevolumes";
    private static final byte[] FILE = new byte[64 * 1024];

    private static HttpServer files;
    private static String base;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    /** A web server inside the test: /files/NAME answers 64 KiB, anything else 404. */
    @BeforeAll
    static void serveFiles() throws IOException {
        files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        files.createContext("/files/", exchange -> {
            exchange.sendResponseHeaders(200, FILE.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(FILE);
            }
        });
        files.createContext("/missing/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        files.start();
        base = "http://127.0.0.1:" + files.getAddress().getPort();
    }

    @AfterAll
    static void stopServing() {
        files.stop(0);
    }

    @Test
    void aDownloadNamesTheVolumeAfterTheFileAndFailsClearlyWhereLibvirtCannotStream() {
        String name = unique("dl") + ".img";
        JsonPath task = awaitTask(create("{\"url\": \"" + base + "/files/" + name + "\"}").statusCode(202)
                .body("target_uri", equalTo(VOLUMES + "/" + name)).extract().path("id"));

        assertThat(task.getString("status")).isEqualTo("failed");
        assertThat(task.getString("message")).startsWith("HOST0002E").contains("virStorageVolUpload");
        api().get(VOLUMES + "/" + name).then().statusCode(404); // nothing half made is left
    }

    @Test
    void aDownloadThatCannotStartFailsItsTaskNamingTheReason() throws IOException {
        JsonPath missing = awaitTask(create("{\"url\": \"" + base + "/missing/a.iso\"}").statusCode(202).extract().path("id"));
        assertThat(missing.getString("status")).isEqualTo("failed");
        assertThat(missing.getString("message")).startsWith("STG0012E").contains(base + "/missing/a.iso").contains("404");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JsonPath unreachable = awaitTask(create("{\"name\": \"" + unique("dl") + "\", \"url\": \"http://127.0.0.1:"
                + closedPort + "/disk.img\"}").statusCode(202).extract().path("id"));
        assertThat(unreachable.getString("status")).isEqualTo("failed");
        assertThat(unreachable.getString("message")).startsWith("STG0012E").contains("ConnectException");
    }

    @Test
    void refusesBadUrlsAndTakenNames() {
        create("{\"url\": \"ftp://example.org/a.iso\"}").statusCode(400).body("code", equalTo("STG0011E"))
                .body("reason", containsString("ftp://example.org/a.iso"));
        create("{\"url\": \"not a url\"}").statusCode(400).body("code", equalTo("STG0011E"));
        create("{\"url\": \"" + base + "/files/\"}").statusCode(400).body("code", equalTo("STG0009E"))
                .body("reason", containsString("give a name"));
        create("{\"url\": \"" + base + "/files/bad%20name.img\"}").statusCode(400).body("code", equalTo("NAME0001E"));
        create("{\"url\": \"" + base + "/files/a.img\", \"capacity\": 10}").statusCode(400).body("code", equalTo("STG0009E"));
        create("{\"url\": \"" + base + "/files/a.img\", \"format\": \"qcow2\"}").statusCode(400)
                .body("code", equalTo("STG0009E"));

        String taken = createVolume(unique("taken") + ".img", "{\"capacity\": 1024, \"format\": \"raw\"}");
        create("{\"url\": \"" + base + "/files/" + taken + "\"}").statusCode(409).body("code", equalTo("STG0007E"));
        api().delete(VOLUMES + "/" + taken).then().statusCode(204);
    }

    @Test
    void anUploadAwaitsItsBytesAndRefusesChunksThatAreNotRight() {
        String name = createVolume(unique("up") + ".img", "{\"upload\": true, \"capacity\": 100}");
        api().get(VOLUMES + "/" + name).then().statusCode(200)
                .body("capacity", equalTo(100))
                .body("format", equalTo("raw"))
                .body("upload.offset", equalTo(0))
                .body("upload.size", equalTo(100))
                .body("isvalid", equalTo(false));

        chunk(name, "10", new byte[9]).statusCode(400).body("code", equalTo("STG0014E"))
                .body("reason", containsString("has 9"));
        chunk(name, "10", new byte[11]).statusCode(400).body("code", equalTo("STG0014E"))
                .body("reason", containsString("has more"));
        chunk(name, "101", new byte[101]).statusCode(400).body("code", equalTo("STG0014E"))
                .body("reason", containsString("pass the volume's end"));
        chunk(name, "ten", new byte[10]).statusCode(400).body("code", equalTo("API0002E"));
        chunk(name, "16777216", new byte[1]).statusCode(413).body("code", equalTo("STG0016E"));
        api().multiPart("chunk", "blob", new byte[10], "application/octet-stream").put(VOLUMES + "/" + name).then()
                .statusCode(400).body("code", equalTo("API0010E")).body("reason", containsString("chunk_size"));
        // a right chunk reaches libvirt, which cannot take it here
        chunk(name, "10", new byte[10]).statusCode(409).body("code", equalTo("HOST0002E"))
                .body("reason", containsString("virStorageVolUpload"));

        api().get(VOLUMES + "/" + name).then().body("upload.offset", equalTo(0));
        api().accept(ContentType.BINARY).get(VOLUMES + "/" + name + "/content").then()
                .statusCode(409).body("code", equalTo("STG0015E"));
        api().delete(VOLUMES + "/" + name).then().statusCode(204);
        chunk(name, "10", new byte[10]).statusCode(404).body("code", equalTo("STG0006E"));
    }

    @Test
    void onlyAVolumeMadeForUploadTakesChunks() {
        String name = createVolume(unique("plain") + ".img", "{\"capacity\": 1024, \"format\": \"raw\"}");
        api().get(VOLUMES + "/" + name).then().body("upload", nullValue()).body("isvalid", equalTo(true))
                .body("has_permission", equalTo(true)).body("os_distro", nullValue());
        chunk(name, "10", new byte[10]).statusCode(409).body("code", equalTo("STG0013E"));
        create("{\"name\": \"x.iso\", \"upload\": true, \"capacity\": 10, \"format\": \"vhdx\"}").statusCode(400)
                .body("code", equalTo("STG0009E"));
        create("{\"name\": \"x.img\", \"upload\": true}").statusCode(400).body("code", equalTo("STG0009E"));
        api().delete(VOLUMES + "/" + name).then().statusCode(204);
    }

    @Test
    void contentDownloadSaysClearlyWhenLibvirtCannotStream() {
        String name = createVolume(unique("get") + ".img", "{\"capacity\": 1024, \"format\": \"raw\"}");
        api().accept(ContentType.BINARY).get(VOLUMES + "/" + name + "/content").then()
                .statusCode(409).body("code", equalTo("HOST0002E")).body("reason", containsString("virStorageVolDownload"));
        api().accept(ContentType.BINARY).get(VOLUMES + "/missing.img/content").then()
                .statusCode(404).body("code", equalTo("STG0006E"));
        api().delete(VOLUMES + "/" + name).then().statusCode(204);
    }

    @Test
    void clonesAVolumeWithTheNextCloneNameOrTheOneGiven() {
        String name = createVolume(unique("src") + ".qcow2", "{\"capacity\": 1048576, \"format\": \"qcow2\"}");
        String stem = name.substring(0, name.length() - ".qcow2".length());

        JsonPath first = awaitTask(api().contentType(ContentType.JSON).post(VOLUMES + "/" + name + "/clone").then()
                .statusCode(202).body("target_uri", equalTo(VOLUMES + "/" + stem + "-clone1.qcow2")).extract().path("id"));
        assertThat(first.getString("status")).as(first.getString("message")).isEqualTo("finished");
        JsonPath second = awaitTask(api().contentType(ContentType.JSON).body("{}").post(VOLUMES + "/" + name + "/clone")
                .then().statusCode(202).body("target_uri", equalTo(VOLUMES + "/" + stem + "-clone2.qcow2"))
                .extract().path("id"));
        assertThat(second.getString("status")).isEqualTo("finished");
        String chosen = unique("copy") + ".qcow2";
        awaitTask(api().contentType(ContentType.JSON).body("{\"pool\": \"" + POOL + "\", \"name\": \"" + chosen + "\"}")
                .post(VOLUMES + "/" + name + "/clone").then().statusCode(202).extract().path("id"));

        api().get(VOLUMES + "/" + chosen).then().statusCode(200).body("capacity", equalTo(1048576))
                .body("format", equalTo("qcow2"));
        api().contentType(ContentType.JSON).body("{\"name\": \"" + chosen + "\"}").post(VOLUMES + "/" + name + "/clone")
                .then().statusCode(409).body("code", equalTo("STG0007E"));
        api().contentType(ContentType.JSON).body("{\"pool\": \"no-such-pool\"}").post(VOLUMES + "/" + name + "/clone")
                .then().statusCode(404).body("code", equalTo("STG0001E"));
        api().contentType(ContentType.JSON).body("{\"size\": 1}").post(VOLUMES + "/" + name + "/clone")
                .then().statusCode(400).body("code", equalTo("API0003E"));
        api().post(VOLUMES + "/missing.img/clone").then().statusCode(404).body("code", equalTo("STG0006E"));

        for (String volume : new String[] {name, stem + "-clone1.qcow2", stem + "-clone2.qcow2", chosen}) {
            api().delete(VOLUMES + "/" + volume).then().statusCode(204);
        }
        api().get(VOLUMES).then().body("name", not(hasItem(chosen)));
    }

    private static String createVolume(String name, String fields) {
        JsonPath task = awaitTask(create("{\"name\": \"" + name + "\", " + fields.substring(1)).statusCode(202)
                .extract().path("id"));
        assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");
        return name;
    }

    private static ValidatableResponse chunk(String volume, String chunkSize, byte[] data) {
        return api().multiPart("chunk_size", chunkSize).multiPart("chunk", "blob", data, "application/octet-stream")
                .put(VOLUMES + "/" + volume).then();
    }

    private static ValidatableResponse create(String json) {
        return api().contentType(ContentType.JSON).body(json).post(VOLUMES).then();
    }

    private static JsonPath awaitTask(String id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api().get("/api/tasks/" + id).then().extract().jsonPath(),
                        task -> !"running".equals(task.getString("status")));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
