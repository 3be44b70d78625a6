package dev.vireo.it;

import static dev.vireo.it.ClusterFixture.awaitTask;
import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
 * Snapshot sets of clusters on the test driver: a snapshot of every member taken as one named set
 * (each VM's snapshot exists and is current, the set is a row with its members), reverted as a
 * whole (each VM back in the state it was taken in), a member whose snapshot is gone reported by
 * name while the others are reverted, deleted with every member's snapshot; served at
 * {@code /api/clusters/…/snapshots} and at Comet's {@code /comet/cluster/…/snapshots}; bad input
 * changes neither the database nor any VM's snapshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClusterSnapshotIT {

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
    void aClusterOfThreeShutOffVms() {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        template = "cls-tpl-" + suffix;
        ClusterFixture.smallTemplate(template);
        for (String letter : List.of("a", "b", "c")) {
            String vm = "cls-" + letter + "-" + suffix;
            ClusterFixture.vmFrom(template, vm);
            vms.add(vm);
        }
        String cluster = "cls-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + cluster + "\", \"vms\": [\"" + String.join("\", \"", vms) + "\"]}")
                .post(CLUSTERS).then().statusCode(201);
        clusters.add(cluster);
    }

    @AfterEach
    void removeWhatTheTestMade() {
        clusters.forEach(cluster -> api().delete(CLUSTERS + "/" + cluster));
        vms.forEach(vm -> api().delete("/api/vms/" + vm));
        api().delete("/api/templates/" + template);
    }

    @Test
    void aSetIsTakenOfEveryMemberRevertedAsAWholeAndDeleted() throws SQLException {
        String cluster = clusters.get(0);
        String a = vms.get(0);
        String b = vms.get(1);
        String c = vms.get(2);
        String sets = CLUSTERS + "/" + cluster + "/snapshots";
        api().post("/api/vms/" + a + "/start").then().statusCode(200);

        JsonPath taken = awaitTask(api().contentType(ContentType.JSON).body("{\"name\": \"before\", \"description\": \"before the upgrade\"}")
                .post(sets).then().statusCode(202)
                .body("target_uri", equalTo(sets + "/before")).extract().path("id"));
        assertThat(taken.getString("status")).isEqualTo("finished");
        assertThat(taken.getString("message")).contains(a + " taken", b + " taken", c + " taken");
        for (String vm : vms) {
            api().get("/api/vms/" + vm + "/snapshots/current").then().statusCode(200).body("name", equalTo("before"));
        }
        api().get("/api/vms/" + a + "/snapshots/before").then().body("state", equalTo("running"));
        api().get("/api/vms/" + b + "/snapshots/before").then().body("state", equalTo("shutoff"));
        assertThat(setMembersInDatabase(cluster, "before")).containsExactly(a + "=before", b + "=before", c + "=before");
        api().get(sets + "/before").then().statusCode(200)
                .body("description", equalTo("before the upgrade"))
                .body("vms.vm", contains(a, b, c))
                .body("vms.state", everyItem(equalTo("current")));

        // the VMs move on: a is powered off, b runs, c takes a snapshot of its own
        api().post("/api/vms/" + a + "/poweroff").then().statusCode(200);
        api().post("/api/vms/" + b + "/start").then().statusCode(200);
        assertThat(awaitTask(api().contentType(ContentType.JSON).body("{\"name\": \"later\"}")
                .post("/api/vms/" + c + "/snapshots").then().statusCode(202).extract().path("id"))
                .getString("status")).isEqualTo("finished");
        api().get(sets).then().statusCode(200)
                .body("name", contains("before"))
                .body("[0].vms.state", contains("current", "current", "present"));

        JsonPath reverted = awaitTask(api().post(sets + "/before/revert").then().statusCode(202).extract().path("id"));
        assertThat(reverted.getString("status")).isEqualTo("finished");
        assertThat(reverted.getString("message")).contains(a + " reverted", b + " reverted", c + " reverted");
        api().get("/api/vms/" + a).then().body("state", equalTo("running"));
        api().get("/api/vms/" + b).then().body("state", equalTo("shutoff"));
        api().get("/api/vms/" + c + "/snapshots/current").then().body("name", equalTo("before"));
        api().get(sets + "/before").then().body("vms.state", everyItem(equalTo("current")));

        JsonPath deleted = awaitTask(api().delete(sets + "/before").then().statusCode(202).extract().path("id"));
        assertThat(deleted.getString("status")).isEqualTo("finished");
        for (String vm : vms) {
            api().get("/api/vms/" + vm + "/snapshots/before").then().statusCode(404).body("code", equalTo("SNAP0001E"));
        }
        api().get("/api/vms/" + c + "/snapshots/later").then().statusCode(200);
        assertThat(setMembersInDatabase(cluster, "before")).isEmpty();
        assertThat(setsInDatabase(cluster)).isZero();
        api().get(sets + "/before").then().statusCode(404).body("code", equalTo("CLU0012E"));
    }

    @Test
    void aMemberWhoseSnapshotIsGoneIsNamedWhileTheOthersAreReverted() throws SQLException {
        String cluster = clusters.get(0);
        String a = vms.get(0);
        String b = vms.get(1);
        String c = vms.get(2);
        String sets = CLUSTERS + "/" + cluster + "/snapshots";
        assertThat(awaitTask(api().contentType(ContentType.JSON).body("{\"name\": \"base\"}").post(sets).then().statusCode(202)
                .extract().path("id")).getString("status")).isEqualTo("finished");

        // b's snapshot goes behind the set's back; a and c then run
        api().delete("/api/vms/" + b + "/snapshots/base").then().statusCode(204);
        api().get(sets + "/base").then().body("vms.state", contains("current", "missing", "current"));
        api().post("/api/vms/" + a + "/start").then().statusCode(200);
        api().post("/api/vms/" + c + "/start").then().statusCode(200);

        JsonPath revert = awaitTask(api().post(sets + "/base/revert").then().statusCode(202).extract().path("id"));
        assertThat(revert.getString("status")).isEqualTo("failed");
        assertThat(revert.getString("message")).startsWith("CLU0010E")
                .contains(a + " reverted", b + " failed: SNAP0001E", c + " reverted");
        api().get("/api/vms/" + a).then().body("state", equalTo("shutoff"));
        api().get("/api/vms/" + c).then().body("state", equalTo("shutoff"));

        // the delete counts b's snapshot as gone, deletes the others' and the set
        JsonPath deleted = awaitTask(api().delete(sets + "/base").then().statusCode(202).extract().path("id"));
        assertThat(deleted.getString("status")).isEqualTo("finished");
        assertThat(deleted.getString("message")).contains(a + " deleted", b + " was gone", c + " deleted");
        api().get("/api/vms/" + a + "/snapshots").then().body("$", org.hamcrest.Matchers.empty());
        assertThat(setsInDatabase(cluster)).isZero();
    }

    @Test
    void cometTakesRevertsAndDeletesASetAndADeletedClusterLeavesTheSnapshots() throws SQLException {
        String cluster = clusters.get(0);
        String a = vms.get(0);
        String sets = "/comet/cluster/" + cluster + "/snapshots";
        assertThat(awaitTask(api().contentType(ContentType.JSON).body("{\"name\": \"s1\"}").post(sets).then().statusCode(202)
                .extract().path("id")).getString("status")).isEqualTo("finished");
        api().get(sets).then().statusCode(200).body("name", contains("s1")).body("[0].href", equalTo(sets + "/s1"));
        api().get(sets + "/s1").then().statusCode(200)
                .body("actions", contains("revert"))
                .body("vms.name", contains(vms.toArray()))
                .body("vms[0].href", equalTo("/comet/cluster/" + cluster + "/vms/" + a))
                .body("vms.state", everyItem(equalTo("current")));
        api().post("/api/vms/" + a + "/start").then().statusCode(200);
        assertThat(awaitTask(api().post(sets + "/s1/revert").then().statusCode(202).extract().path("id"))
                .getString("status")).isEqualTo("finished");
        api().get("/api/vms/" + a).then().body("state", equalTo("shutoff"));

        // a second set, left when the cluster goes: its row goes with the cluster, the VMs keep their snapshots
        assertThat(awaitTask(api().contentType(ContentType.JSON).body("{}").post(sets).then().statusCode(202)
                .extract().path("id")).getString("status")).isEqualTo("finished");
        assertThat(awaitTask(api().delete(sets + "/s1").then().statusCode(202).extract().path("id"))
                .getString("status")).isEqualTo("finished");
        api().get(sets).then().body("size()", equalTo(1)).body("[0].name", org.hamcrest.Matchers.matchesPattern("\\d{10}"));
        String second = api().get(sets).then().extract().path("[0].name");
        assertThat(setsInDatabase(cluster)).isEqualTo(1);
        api().delete("/comet/cluster/" + cluster).then().statusCode(204);
        assertThat(setsInDatabase(cluster)).isZero();
        for (String vm : vms) {
            api().get("/api/vms/" + vm + "/snapshots/current").then().statusCode(200).body("name", equalTo(second));
        }
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws SQLException {
        String cluster = clusters.get(0);
        String c = vms.get(2);
        String sets = CLUSTERS + "/" + cluster + "/snapshots";
        // c already has a snapshot named "taken": a set of that name is refused before any is taken
        assertThat(awaitTask(api().contentType(ContentType.JSON).body("{\"name\": \"taken\"}")
                .post("/api/vms/" + c + "/snapshots").then().statusCode(202).extract().path("id"))
                .getString("status")).isEqualTo("finished");
        assertThat(awaitTask(api().contentType(ContentType.JSON).body("{\"name\": \"first\"}").post(sets).then().statusCode(202)
                .extract().path("id")).getString("status")).isEqualTo("finished");

        Map<String, String> refused = Map.of(
                "{\"name\": \"bad name!\"}", "NAME0001E",
                "{\"name\": \"first\"}", "CLU0013E",
                "{\"name\": \"taken\"}", "SNAP0002E",
                "{\"name\": \"current\"}", "SNAP0003E",
                "{\"name\": \"x\", \"colour\": \"red\"}", "API0003E",
                "{\"name\": \"x\", \"description\": \"" + "d".repeat(1001) + "\"}", "API0011E");
        refused.forEach((body, code) -> api().contentType(ContentType.JSON).body(body).post(sets).then()
                .statusCode(org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                        .and(org.hamcrest.Matchers.lessThan(500)))
                .body("code", equalTo(code)));
        api().contentType(ContentType.JSON).body("{}").post(CLUSTERS + "/no-such-" + suffix + "/snapshots").then()
                .statusCode(404).body("code", equalTo("CLU0001E"));
        api().post(sets + "/no-such/revert").then().statusCode(404).body("code", equalTo("CLU0012E"));
        api().delete(sets + "/no-such").then().statusCode(404).body("code", equalTo("CLU0012E"));
        api().contentType(ContentType.JSON).body("{\"force\": true}").post(sets + "/first/revert").then().statusCode(400);
        String empty = "cls-empty-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + empty + "\"}").post(CLUSTERS).then().statusCode(201);
        clusters.add(empty);
        api().contentType(ContentType.JSON).body("{}").post(CLUSTERS + "/" + empty + "/snapshots").then()
                .statusCode(409).body("code", equalTo("CLU0009E"));

        assertThat(setsInDatabase(cluster)).isEqualTo(1);
        assertThat(setsInDatabase(empty)).isZero();
        for (String vm : vms) {
            List<String> names = api().get("/api/vms/" + vm + "/snapshots").then().extract().jsonPath().getList("name");
            assertThat(names).containsExactlyInAnyOrderElementsOf(vm.equals(c) ? List.of("taken", "first") : List.of("first"));
        }
    }

    /** The set's members as {@code vm=snapshot} in their order. */
    private static List<String> setMembersInDatabase(String cluster, String set) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select m.vm, m.snapshot from vm_cluster_snapshot_member m"
                     + " join vm_cluster_snapshot s on s.id = m.set_id join vm_cluster c on c.id = s.cluster_id"
                     + " where c.name = ? and s.name = ? order by m.member_position")) {
            query.setString(1, cluster);
            query.setString(2, set);
            List<String> members = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    members.add(rows.getString(1) + "=" + rows.getString(2));
                }
            }
            return members;
        }
    }

    private static int setsInDatabase(String cluster) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select count(*) from vm_cluster_snapshot s"
                     + " join vm_cluster c on c.id = s.cluster_id where c.name = ?")) {
            query.setString(1, cluster);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
