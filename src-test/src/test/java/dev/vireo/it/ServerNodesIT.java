package dev.vireo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vireo.TestAccounts;
import dev.vireo.persistence.testing.PostgresCluster;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Vireo nodes of one cluster (the clustered server, as {@code ./vireo run} with VIREO_NODE
 * starts them) over one private PostgreSQL and one test-driver host. Requests alternate between
 * the nodes with one session cookie; node 1 is killed with SIGKILL while a task of its own runs and
 * requests keep going to node 2: node 2 never answers 5xx, ends node 1's task as failed with the
 * reason (HAC0001E, once node 1's heartbeat is older than the node timeout), still serves, and a
 * cluster job ran at most once per period across both nodes all along (its job history).
 */
class ServerNodesIT {

    private static final String VM = "ha-web";
    /** A cluster job the test puts on a short schedule, to count its runs of both nodes. */
    private static final String CLUSTER_JOB = "session-expiry";
    private static final Duration JOB_PERIOD = Duration.ofSeconds(3);
    private static final String NODE_TIMEOUT = "15s";

    private static PostgresCluster database;
    private static ClusterNode one;
    private static ClusterNode two;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        Path dir = Path.of(System.getProperty("vireo.it.ha-dir"));
        database = PostgresCluster.start(dir.resolve("postgresql"), Integer.getInteger("vireo.it.ha.postgresql.port"));
        String url = database.createDatabase("vireo");
        String host = new TestDriverHost().domain(VM, 256, 1).writeTo(dir.resolve("host.xml").toAbsolutePath());
        Map<String, String> environment = Map.of("VIREO_DB_DRIVER", "postgresql", "VIREO_DB_URL", url,
                "VIREO_DB_USER", PostgresCluster.USER, "VIREO_DB_PASSWORD", PostgresCluster.PASSWORD,
                "VIREO_CLUSTER_MEMBERS", ClusterNode.member(1) + "," + ClusterNode.member(2));
        List<String> options = List.of("-Dvireo.libvirt.uri=" + host, "-Dvireo.cluster.node-timeout=" + NODE_TIMEOUT);
        EnterpriseArchive ear = Vireo.earWithTaskProbe();
        one = new ClusterNode(1, ear, environment, options);
        two = new ClusterNode(2, ear, environment, options);
        // one after the other: the first creates the schema, the second finds it
        one.start();
        one.awaitServing(TestAccounts.adminAuthorization());
        two.start();
        two.awaitServing(TestAccounts.adminAuthorization());
    }

    @AfterAll
    static void stopAll() throws InterruptedException {
        for (AutoCloseable closing : new AutoCloseable[] {two, one}) {
            try {
                if (closing != null) {
                    closing.close();
                }
            } catch (Exception e) {
                // the others still stop
            }
        }
        if (database != null) {
            database.stop();
        }
    }

    @Test
    void theSurvivorServesTheSessionEndsTheDeadNodesTaskAndJobsRanOncePerPeriod() throws Exception {
        // both nodes are in the database, beating
        await("both heartbeats").atMost(Duration.ofMinutes(1)).until(() -> nodes().containsAll(List.of(one.name(), two.name())));
        TestAccounts.asAdmin(one.base()).contentType(ContentType.JSON).body("{\"schedule\": \"every 3s\"}")
                .put("/api/jobs/" + CLUSTER_JOB).then().statusCode(200);

        // one session, opened on node 1, serves on both in turn
        String session = one.anonymous().contentType(ContentType.JSON)
                .body("{\"user\": \"" + TestAccounts.ADMIN + "\", \"password\": \"" + TestAccounts.ADMIN_PASSWORD + "\"}")
                .post("/api/sessions").then().statusCode(200).extract().cookie("VIREO_SESSION");
        assertThat(session).isNotBlank();
        for (int i = 0; i < 10; i++) {
            ClusterNode node = i % 2 == 0 ? one : two;
            node.anonymous().cookie("VIREO_SESSION", session).get("/api/vms/" + VM).then().statusCode(200)
                    .body("name", equalTo(VM));
        }
        // the console's pages too: who is signed in is the cookie, not a node's HTTP session
        for (ClusterNode node : List.of(one, two)) {
            node.anonymous().cookie("VIREO_SESSION", session).redirects().follow(false).get("/console/vms.xhtml").then()
                    .statusCode(200);
        }

        // a task of node 1 that waits for a release that never comes
        String task = one.anonymous().basePath("/vireo-probe").queryParam("target", "/api/probe/ha-1").queryParam("steps", 1)
                .post("/tasks").then().statusCode(200).extract().path("id");
        assertThat(taskNode(task)).isEqualTo(one.name());

        // requests to node 2 all along, node 1 dies in the middle
        ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            while (loading.get()) {
                answers.add(two.anonymous().cookie("VIREO_SESSION", session).get("/api/vms/" + VM).statusCode());
            }
        }, "load on node 2");
        load.start();
        await().until(() -> answers.size() >= 20);
        one.killDashNine();

        // the survivor ends the dead node's task, with the reason
        JsonPath ended = await("node 1's task ended by node 2").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> TestAccounts.asAdmin(two.base()).get("/api/tasks/" + task).then().statusCode(200).extract().jsonPath(),
                        json -> !"running".equals(json.getString("status")));
        int atTheEnd = answers.size();
        await().until(() -> answers.size() >= atTheEnd + 20);
        loading.set(false);
        load.join();

        assertThat(ended.getString("status")).isEqualTo("failed");
        assertThat(ended.getString("message")).startsWith("HAC0001E").contains(one.name());
        assertThat(answers).as("node 2's answers while node 1 died").hasSizeGreaterThan(40).allMatch(status -> status == 200);
        two.anonymous().cookie("VIREO_SESSION", session).get("/api/vms/" + VM).then().statusCode(200);

        // the cluster job: never two runs in one period, though both nodes ran it (or might have)
        List<Instant> runs = runsOf(CLUSTER_JOB);
        assertThat(runs).as("runs of " + CLUSTER_JOB).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(runs.get(i - 1), runs.get(i)))
                    .as("runs of %s at %s and %s", CLUSTER_JOB, runs.get(i - 1), runs.get(i))
                    .isGreaterThanOrEqualTo(JOB_PERIOD.minusMillis(500));
        }
    }

    private static List<String> nodes() throws SQLException {
        return strings("select name from server_node order by name");
    }

    private static String taskNode(String id) throws SQLException {
        try (Connection db = database.connect("vireo");
             PreparedStatement select = db.prepareStatement("select node from task where id = ?")) {
            select.setLong(1, Long.parseLong(id));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static List<Instant> runsOf(String job) throws SQLException {
        try (Connection db = database.connect("vireo");
             PreparedStatement select = db.prepareStatement("select started from job_run where job = ? order by started")) {
            select.setString(1, job);
            List<Instant> runs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    runs.add(rows.getTimestamp(1).toInstant());
                }
            }
            return runs;
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection db = database.connect("vireo"); ResultSet rows = db.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
