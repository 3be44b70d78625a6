package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clusters of VMs on the test driver: the whole starts in its start order and stops in reverse
 * (proven by the order of the VMs' audited lifecycle actions), a member that fails is reported by
 * name while a stop goes on, members are added, moved and removed, and bad input changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClusterIT {

    private static final String CLUSTERS = "/api/clusters";

    private String suffix;
    private String template;
    private final List<String> vms = new ArrayList<>();
    private final List<String> clusters = new ArrayList<>();

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void threeShutOffVms() {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        template = "clu-tpl-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"memory\": {\"current\": 128}, \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        for (String letter : List.of("a", "b", "c")) {
            String vm = "clu-" + letter + "-" + suffix;
            String task = api().contentType(ContentType.JSON)
                    .body("{\"name\": \"" + vm + "\", \"template\": \"/api/templates/" + template + "\"}")
                    .post("/api/vms").then().statusCode(202).extract().path("id");
            assertThat(awaitTask(task).getString("status")).isEqualTo("finished");
            vms.add(vm);
        }
    }

    @AfterEach
    void removeWhatTheTestMade() {
        clusters.forEach(cluster -> api().delete(CLUSTERS + "/" + cluster));
        vms.forEach(vm -> api().delete("/api/vms/" + vm));
        api().delete("/api/templates/" + template);
    }

    @Test
    void theWholeStartsInItsStartOrderAndStopsInReverse() throws SQLException {
        String a = vms.get(0);
        String b = vms.get(1);
        String c = vms.get(2);
        String cluster = create("{\"name\": \"%s\", \"description\": \"web tier\", \"vms\": [\"" + c + "\", \"" + a + "\", \"" + b + "\"]}")
                .then().statusCode(201)
                .body("state", equalTo("shutoff"))
                .body("vms.name", contains(c, a, b))
                .body("vms.position", contains(0, 1, 2))
                .extract().path("name");
        assertThat(membersInDatabase(cluster)).containsExactly(c, a, b);

        long before = lastAuditId();
        JsonPath started = awaitTask(api().post(CLUSTERS + "/" + cluster + "/start").then().statusCode(202)
                .body("target_uri", equalTo(CLUSTERS + "/" + cluster)).extract().path("id"));
        assertThat(started.getString("status")).isEqualTo("finished");
        assertThat(started.getString("message")).contains(c + " running", a + " running", b + " running");
        assertThat(lifecycleActionsSince(before)).containsExactly(c + "/start", a + "/start", b + "/start");
        api().get(CLUSTERS + "/" + cluster).then().statusCode(200)
                .body("state", equalTo("running"))
                .body("vms.state", everyItem(equalTo("running")));
        vms.forEach(vm -> api().get("/api/vms/" + vm).then().body("state", equalTo("running")));

        before = lastAuditId();
        JsonPath stopped = awaitTask(api().post(CLUSTERS + "/" + cluster + "/stop").then().statusCode(202).extract().path("id"));
        assertThat(stopped.getString("status")).isEqualTo("finished");
        assertThat(lifecycleActionsSince(before)).containsExactly(b + "/shutdown", a + "/shutdown", c + "/shutdown");
        api().get(CLUSTERS + "/" + cluster).then().body("state", equalTo("shutoff"));
        vms.forEach(vm -> api().get("/api/vms/" + vm).then().body("state", equalTo("shutoff")));
    }

    @Test
    void aMemberThatFailsIsNamedWhileTheStopGoesOnAndTheStartHalts() {
        String a = vms.get(0);
        String b = vms.get(1);
        String c = vms.get(2);
        String cluster = create("{\"name\": \"%s\", \"vms\": [\"" + a + "\", \"" + b + "\", \"" + c + "\"]}")
                .then().statusCode(201).extract().path("name");
        assertThat(awaitTask(api().post(CLUSTERS + "/" + cluster + "/start").then().statusCode(202).extract().path("id"))
                .getString("status")).isEqualTo("finished");

        // b goes behind the cluster's back: it is still a member, now missing
        api().delete("/api/vms/" + b).then().statusCode(204);
        api().get(CLUSTERS + "/" + cluster + "/vms/" + b).then().statusCode(200).body("state", equalTo("missing"));
        api().get(CLUSTERS + "/" + cluster).then().body("state", equalTo("partial"));

        JsonPath stop = awaitTask(api().post(CLUSTERS + "/" + cluster + "/stop").then().statusCode(202).extract().path("id"));
        assertThat(stop.getString("status")).isEqualTo("failed");
        assertThat(stop.getString("message")).startsWith("CLU0010E")
                .contains(c + " shut down", b + " failed: VMS0004E", a + " shut down");
        api().get("/api/vms/" + a).then().body("state", equalTo("shutoff"));
        api().get("/api/vms/" + c).then().body("state", equalTo("shutoff"));

        JsonPath start = awaitTask(api().post(CLUSTERS + "/" + cluster + "/start").then().statusCode(202).extract().path("id"));
        assertThat(start.getString("status")).isEqualTo("failed");
        assertThat(start.getString("message")).contains(a + " running", b + " failed: VMS0004E", c + " not started");
        api().get("/api/vms/" + a).then().body("state", equalTo("running"));
        api().get("/api/vms/" + c).then().body("state", equalTo("shutoff"));
    }

    @Test
    void membersAreAddedMovedAndRemovedWithoutTouchingTheVms() throws SQLException {
        String a = vms.get(0);
        String b = vms.get(1);
        String c = vms.get(2);
        String cluster = create("{\"name\": \"%s\", \"vms\": [\"" + a + "\"]}").then().statusCode(201).extract().path("name");

        api().contentType(ContentType.JSON).body("{\"name\": \"" + c + "\"}").post(CLUSTERS + "/" + cluster + "/vms").then()
                .statusCode(201).body("position", equalTo(1)).body("state", equalTo("shutoff"));
        api().contentType(ContentType.JSON).body("{\"name\": \"" + b + "\", \"position\": 0}").post(CLUSTERS + "/" + cluster + "/vms")
                .then().statusCode(201).body("position", equalTo(0));
        api().get(CLUSTERS + "/" + cluster + "/vms").then().statusCode(200).body("name", contains(b, a, c));
        assertThat(membersInDatabase(cluster)).containsExactly(b, a, c);

        api().contentType(ContentType.JSON).body("{\"description\": \"db first\", \"vms\": [\"" + c + "\", \"" + b + "\", \"" + a + "\"]}")
                .put(CLUSTERS + "/" + cluster).then().statusCode(200)
                .body("description", equalTo("db first"))
                .body("vms.name", contains(c, b, a));
        assertThat(membersInDatabase(cluster)).containsExactly(c, b, a);

        api().delete(CLUSTERS + "/" + cluster + "/vms/" + b).then().statusCode(204);
        api().get(CLUSTERS + "/" + cluster + "/vms/" + b).then().statusCode(404).body("code", equalTo("CLU0005E"));
        assertThat(membersInDatabase(cluster)).containsExactly(c, a);
        api().get("/api/vms/" + b).then().statusCode(200).body("state", equalTo("shutoff"));

        api().delete(CLUSTERS + "/" + cluster).then().statusCode(204);
        api().get(CLUSTERS + "/" + cluster).then().statusCode(404).body("code", equalTo("CLU0001E"));
        assertThat(membersInDatabase(cluster)).isEmpty();
        vms.forEach(vm -> api().get("/api/vms/" + vm).then().statusCode(200));
    }

    @Test
    void badInputIsRefusedByNameAndChangesNothing() throws SQLException {
        String a = vms.get(0);
        String b = vms.get(1);
        String cluster = create("{\"name\": \"%s\", \"description\": \"kept\", \"vms\": [\"" + a + "\", \"" + b + "\"]}")
                .then().statusCode(201).extract().path("name");
        String path = CLUSTERS + "/" + cluster;

        Map<String, String> refusedBodies = Map.of(
                "{\"name\": \"-bad\"}", "NAME0001E",
                "{\"name\": \"" + cluster + "\"}", "CLU0002E",
                "{\"name\": \"x" + suffix + "\", \"vms\": [\"no-such-vm-" + suffix + "\"]}", "VMS0004E",
                "{\"name\": \"x" + suffix + "\", \"vms\": [\"" + a + "\", \"" + a + "\"]}", "CLU0003E",
                "{\"name\": \"x" + suffix + "\", \"colour\": \"red\"}", "API0003E",
                "{\"name\": \"x" + suffix + "\", \"description\": \"" + "d".repeat(1001) + "\"}", "API0011E",
                "{\"description\": \"no name\"}", "API0010E");
        refusedBodies.forEach((body, code) -> api().contentType(ContentType.JSON).body(body).post(CLUSTERS).then()
                .statusCode(code.equals("CLU0002E") ? 409 : code.equals("VMS0004E") ? 404 : 400).body("code", equalTo(code)));
        api().get(CLUSTERS + "/x" + suffix).then().statusCode(404).body("code", equalTo("CLU0001E"));

        api().contentType(ContentType.JSON).body("{\"name\": \"renamed\"}").put(path).then().statusCode(400).body("code", equalTo("CLU0006E"));
        api().contentType(ContentType.JSON).body("{\"vms\": [\"" + b + "\", \"no-such-vm-" + suffix + "\"]}").put(path).then()
                .statusCode(404).body("code", equalTo("VMS0004E"));
        api().contentType(ContentType.JSON).body("{\"name\": \"" + a + "\"}").post(path + "/vms").then()
                .statusCode(409).body("code", equalTo("CLU0004E"));
        api().contentType(ContentType.JSON).body("{\"name\": \"" + vms.get(2) + "\", \"position\": 3}").post(path + "/vms").then()
                .statusCode(400).body("code", equalTo("CLU0008E"));
        api().contentType(ContentType.JSON).body("{\"name\": \"" + vms.get(2) + "\", \"position\": \"first\"}").post(path + "/vms").then()
                .statusCode(400);
        api().contentType(ContentType.JSON).body("{\"vms\": []}").post(path + "/start").then().statusCode(400);
        api().post(CLUSTERS + "/no-such-" + suffix + "/start").then().statusCode(404).body("code", equalTo("CLU0001E"));
        api().delete(path + "/vms/" + vms.get(2)).then().statusCode(404).body("code", equalTo("CLU0005E"));

        api().get(path).then().statusCode(200).body("description", equalTo("kept")).body("vms.name", contains(a, b));
        assertThat(membersInDatabase(cluster)).containsExactly(a, b);
        vms.forEach(vm -> api().get("/api/vms/" + vm).then().body("state", equalTo("shutoff")));

        String empty = create("{\"name\": \"%s\"}").then().statusCode(201).extract().path("name");
        api().post(CLUSTERS + "/" + empty + "/start").then().statusCode(409).body("code", equalTo("CLU0009E"));
    }

    /** Creates a cluster from a body whose {@code %s} is its name, and remembers it for clean-up. */
    private Response create(String body) {
        String name = "clu-" + suffix + "-" + clusters.size();
        clusters.add(name);
        return api().contentType(ContentType.JSON).body(body.formatted(name)).post(CLUSTERS);
    }

    private static JsonPath awaitTask(String id) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                !"running".equals(api().get("/api/tasks/" + id).then().extract().path("status")));
        return api().get("/api/tasks/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static long lastAuditId() {
        List<Integer> ids = api().get("/api/logs?limit=1").then().statusCode(200).extract().jsonPath().getList("id");
        return ids.isEmpty() ? 0 : ids.get(0);
    }

    /** The targets of the VM lifecycle actions recorded since audit entry {@code after}, oldest first. */
    private List<String> lifecycleActionsSince(long after) {
        JsonPath log = api().get("/api/logs?action=vm.action&limit=100").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> entries = new ArrayList<>(log.getList("$"));
        entries.sort(Comparator.comparingLong(entry -> ((Number) entry.get("id")).longValue()));
        return entries.stream()
                .filter(entry -> ((Number) entry.get("id")).longValue() > after)
                .filter(entry -> vms.stream().anyMatch(vm -> String.valueOf(entry.get("target")).startsWith(vm + "/")))
                .map(entry -> (String) entry.get("target"))
                .toList();
    }

    private static List<String> membersInDatabase(String cluster) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select m.vm from vm_cluster_member m join vm_cluster c"
                     + " on c.id = m.cluster_id where c.name = ? order by m.start_position")) {
            query.setString(1, cluster);
            List<String> members = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    members.add(rows.getString(1));
                }
            }
            return members;
        }
    }
}
