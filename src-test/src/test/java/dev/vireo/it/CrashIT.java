package dev.vireo.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the real server, mid-work: everything it acknowledged is there after the
 * restart. Tasks that had finished still read finished; tasks that were still running (VM creates
 * queued behind probe tasks that hold every thread of the task executor) read failed as
 * interrupted; the audit log has each start and each end; a volume still being downloaded is
 * marked, refused, and removed at the restart.
 * <p>
 * The server runs on a private test-driver host (a file: the same pools at every start, unlike
 * test:///default's state, which dies with the process), so libvirt's side is checked before the
 * kill, and after it where the restart itself acts on libvirt.
 */
class CrashIT {

    private static final String POOL = "default-pool";
    /** On the host file: stands for a volume whose download was under way at the kill. */
    private static final String PARTIAL = "partial.img";
    /** vireo.cli's vireo-tasks executor never runs more than 16 tasks at once (max-threads). */
    private static final int EXECUTOR_THREADS = 16;
    private static final String INTERRUPTED = "interrupted by server restart";

    private static CrashServer server;

    @BeforeAll
    static void startServer() throws Exception {
        Path host = Path.of(System.getProperty("vireo.it.crash-server"), "host.xml");
        Files.writeString(host, """
                <node>
                  <network>
                    <name>default</name>
                    <bridge name='virbr0'/>
                    <forward/>
                    <ip address='192.168.122.1' netmask='255.255.255.0'/>
                  </network>
                  <pool type='dir'>
                    <name>default-pool</name>
                    <target><path>/default-pool</path></target>
                    <volume type='file'>
                      <name>partial.img</name>
                      <capacity unit='MiB'>8</capacity>
                      <allocation unit='MiB'>8</allocation>
                      <target><path>/default-pool/partial.img</path><format type='raw'/></target>
                    </volume>
                  </pool>
                </node>
                """);
        server = new CrashServer(Vireo.earWithTaskProbe(), "test://" + host);
        server.start();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aKillDashNineLosesNothingAcknowledged() throws Exception {
        String template = "crash-tpl";
        server.api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"networks\": [], \"memory\": {\"current\": 64}, \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + POOL + "\"}}]}")
                .post("/api/templates").then().statusCode(201);

        Map<String, String> finished = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            String vm = "crash-done-" + i;
            String id = createVm(template, vm);
            JsonPath task = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> server.api().get("/api/tasks/" + id).then().extract().jsonPath(),
                            t -> !"running".equals(t.getString("status")));
            assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");
            server.api().get("/api/vms/" + vm).then().statusCode(200).body("state", equalTo("shutoff"));
            finished.put(vm, id);
        }

        List<String> probes = new ArrayList<>();
        for (int i = 0; i < EXECUTOR_THREADS; i++) {
            probes.add(given().baseUri(CrashServer.BASE + "/vireo-probe")
                    .queryParam("target", "/api/probe/crash-" + i).queryParam("steps", 1)
                    .post("/tasks").then().statusCode(200).extract().path("id"));
        }
        downloadUnderWay();
        server.api().get("/api/storagepools/" + POOL + "/storagevolumes/" + PARTIAL).then().statusCode(200)
                .body("state", equalTo("downloading")).body("isvalid", equalTo(false));
        server.api().accept(ContentType.BINARY).get("/api/storagepools/" + POOL + "/storagevolumes/" + PARTIAL + "/content").then()
                .statusCode(409).body("code", equalTo("STG0030E"));
        server.api().contentType(ContentType.JSON).body("{\"type\": \"disk\", \"pool\": \"" + POOL + "\", \"vol\": \"" + PARTIAL + "\"}")
                .post("/api/vms/crash-done-1/storages").then().statusCode(409).body("code", equalTo("STG0030E"));
        server.api().get("/api/vms/crash-done-1/storages").then().body("vol", not(hasItem(PARTIAL)));

        // acknowledged (202, running) the instant before the kill: H2's default write delay loses these
        Map<String, String> running = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            String vm = "crash-queued-" + i;
            running.put(vm, createVm(template, vm));
        }

        server.killDashNine();
        server.start();

        for (String id : finished.values()) {
            server.api().get("/api/tasks/" + id).then().statusCode(200)
                    .body("status", equalTo("finished")).body("progress", equalTo(100));
        }
        for (String id : running.values()) {
            server.api().get("/api/tasks/" + id).then().statusCode(200)
                    .body("status", equalTo("failed")).body("message", equalTo(INTERRUPTED));
        }
        for (String id : probes) {
            server.api().get("/api/tasks/" + id).then().statusCode(200)
                    .body("status", equalTo("failed")).body("message", equalTo(INTERRUPTED));
        }

        JsonPath log = server.api().queryParam("action", "vm.create").queryParam("limit", 1000).get("/api/logs")
                .then().statusCode(200).extract().jsonPath();
        // an entry's content reads "<user> <action> <target>: <result> (<what was recorded>)"
        finished.forEach((vm, id) -> assertThat(entries(log, vm)).containsExactlyInAnyOrder(
                "admin vm.create " + vm + ": ok (task " + id + ")",
                "admin vm.create " + vm + ": ok (task " + id + ": created virtual machine " + vm + ")"));
        running.forEach((vm, id) -> assertThat(entries(log, vm)).containsExactlyInAnyOrder(
                "admin vm.create " + vm + ": ok (task " + id + ")",
                "admin vm.create " + vm + ": TASK0005E (task " + id + ": " + INTERRUPTED + ")"));

        // the interrupted download's volume goes (in the background of the start), and its record with it
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                server.api().get("/api/storagepools/" + POOL + "/storagevolumes/" + PARTIAL).statusCode() == 404);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> downloadRecords() == 0);
        server.api().get("/api/storagepools/" + POOL + "/storagevolumes").then().statusCode(200)
                .body("name", not(hasItem(PARTIAL)));
    }

    private static String createVm(String template, String vm) {
        return server.api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + vm + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(202).body("status", equalTo("running")).extract().path("id");
    }

    /** The audit entries of {@code vm}'s creation, as their content reads. */
    private static List<String> entries(JsonPath log, String vm) {
        List<Map<String, Object>> all = log.getList("$");
        return all.stream().filter(entry -> vm.equals(entry.get("target"))).map(entry -> (String) entry.get("content")).toList();
    }

    /**
     * What a download from a URL records while it fills {@code partial.img}: the test driver has no
     * volume streams, so no real download stays under way there (RealHypervisorIT has real ones).
     */
    private static void downloadUnderWay() throws SQLException {
        try (Connection db = server.database();
             PreparedStatement insert = db.prepareStatement("insert into volume_upload (id, version, pool, volume,"
                     + " total_bytes, written_bytes, url, interrupted, created, updated)"
                     + " values (900000001, 0, ?, ?, 8388608, 0, 'http://images.example/partial.img', false, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            insert.setString(1, POOL);
            insert.setString(2, PARTIAL);
            insert.setTimestamp(3, now);
            insert.setTimestamp(4, now);
            insert.executeUpdate();
        }
    }

    private static int downloadRecords() throws SQLException {
        try (Connection db = server.database();
             PreparedStatement query = db.prepareStatement("select count(*) from volume_upload where url is not null");
             ResultSet count = query.executeQuery()) {
            count.next();
            return count.getInt(1);
        }
    }
}
