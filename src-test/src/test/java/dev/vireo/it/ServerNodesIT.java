package dev.vireo.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.vireo.TestAccounts;
import dev.vireo.persistence.testing.PostgresCluster;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Vireo nodes of one cluster (the clustered server, started by the launcher: VIREO_NODE=1 and
 * VIREO_NODE=2 {@code ./vireo start}) over one private PostgreSQL and one test-driver host. Requests alternate between
 * the nodes with one session cookie; node 1 is killed with SIGKILL while a task of its own runs and
 * requests keep going to node 2: node 2 never answers 5xx, ends node 1's task as failed with the
 * reason (HAC0001E, once node 1's heartbeat is older than the node timeout), still serves, and a
 * cluster job ran at most once per period across both nodes all along (its job history).
 * Before that, two requests for one VM at once, one on each node, let exactly one through (the
 * lock table); node 1, started first, listens for the host's libvirt events, so node 2's events
 * are not recorded; after node 1's death node 2 takes the host over and records its events, once.
 * (Each node's test-driver host is its own copy in memory: an event is seen by the node that made it.)
 * The console: signed in through node 1's login form, a page open on node 1 goes on working on node 2
 * after node 1's death, with the same cookies (the HTTP session, replicated, holds the page's view and
 * its view-scoped bean).
 */
class ServerNodesIT {

    private static final String VM = "ha-web";
    /** A VM whose display (so its definition says) is the test's own socket, {@link #vnc}. */
    private static final String CONSOLE_VM = "ha-console";
    private static final byte[] GREETING = "RFB 003.008\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final String HOST = "local";
    /** A cluster job the test puts on a short schedule, to count its runs of both nodes. */
    private static final String CLUSTER_JOB = "session-expiry";
    private static final Duration JOB_PERIOD = Duration.ofSeconds(3);
    private static final String NODE_TIMEOUT = "15s";
    /** The job whose schedule the console page of node 1 chooses and node 2 changes. */
    private static final String CONSOLE_JOB = "task-retention";
    /** Every console page, once each through node 1: each one's view goes into the replicated HTTP session. */
    private static final List<String> CONSOLE_PAGES = List.of("/console/index.xhtml", "/console/vms.xhtml",
            "/console/vm.xhtml?name=" + VM, "/console/templates.xhtml", "/console/storage.xhtml", "/console/networks.xhtml",
            "/console/tasks.xhtml", "/console/hosts.xhtml", "/console/vmpools.xhtml", "/console/clusters.xhtml",
            "/console/images.xhtml", "/console/batches.xhtml", "/console/addresspools.xhtml", "/console/users.xhtml",
            "/console/account.xhtml", "/console/audit.xhtml", "/console/domains.xhtml", "/console/jobs.xhtml");

    private static final String SIGNED_IN_AS = "id=\"signed-in-as\">";

    private static PostgresCluster database;
    private static ServerSocket vnc;
    private static ClusterNode one;
    private static ClusterNode two;
    private static LoadBalancer balancer;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        Path dir = Path.of(System.getProperty("vireo.it.ha-dir"));
        database = PostgresCluster.start(dir.resolve("postgresql"), Integer.getInteger("vireo.it.ha.postgresql.port"));
        String url = database.createDatabase("vireo");
        vnc = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        String host = new TestDriverHost().domain(VM, 256, 1).domainWithVnc(CONSOLE_VM, vnc.getLocalPort()).writeTo(dir.resolve("host.xml").toAbsolutePath());
        // the launcher's own choices for the rest: the JDBC driver from the URL, the JGroups members, ports, node names
        Map<String, String> environment = Map.of("VIREO_DB_URL", url, "VIREO_DB_USER", PostgresCluster.USER,
                "VIREO_DB_PASSWORD", PostgresCluster.PASSWORD, "VIREO_LIBVIRT_URI", host);
        List<String> options = List.of("-Dvireo.cluster.node-timeout=" + NODE_TIMEOUT);
        EnterpriseArchive ear = Vireo.earWithTaskProbe();
        one = new ClusterNode(1, ear, environment, options);
        two = new ClusterNode(2, ear, environment, options);
        // one after the other: the first creates the schema, the second finds it
        one.start();
        one.awaitServing();
        two.start();
        two.awaitServing();
        // HAProxy in front, as the README configures it (its port: 100 above node 1's)
        balancer = LoadBalancer.start(dir.resolve("haproxy"), one.httpPort() + 100, List.of(one, two));
    }

    @AfterAll
    static void stopAll() throws InterruptedException {
        for (AutoCloseable closing : new AutoCloseable[] {balancer, two, one}) {
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
        if (vnc != null) {
            try {
                vnc.close();
            } catch (IOException e) {
                // closing anyway
            }
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
        // and behind the load balancer, which sends them to both nodes in turn
        for (int i = 0; i < 10; i++) {
            given().baseUri(balancer.base()).cookie("VIREO_SESSION", session).get("/api/vms/" + VM).then().statusCode(200);
        }
        // the console's pages too: who is signed in is the cookie, not a node's HTTP session
        for (ClusterNode node : List.of(one, two)) {
            node.anonymous().cookie("VIREO_SESSION", session).redirects().follow(false).get("/console/vms.xhtml").then()
                    .statusCode(200);
        }

        // the console, signed in through node 1's login form: every page once, then the jobs page with a job chosen
        // (an Ajax request that puts it into the page's view-scoped bean, which lives in the HTTP session)
        ConsoleBrowser browser = new ConsoleBrowser();
        browser.signIn(one.base(), TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        for (String page : CONSOLE_PAGES) {
            browser.get(one.base(), page).then().statusCode(200).body(containsString(SIGNED_IN_AS + TestAccounts.ADMIN));
        }
        Response jobsPage = browser.get(one.base(), "/console/jobs.xhtml");
        String runsButton = rowButton(jobsPage.asString(), CONSOLE_JOB, "runs");
        Response chosen = browser.ajax(one.base(), "/console/jobs.xhtml", ConsoleBrowser.viewState(jobsPage), runsButton, runsButton,
                "jobs:runs schedule-form", Map.of("jobs", "jobs"));
        assertThat(chosen.statusCode()).isEqualTo(200);
        assertThat(chosen.asString()).contains("Schedule of " + CONSOLE_JOB);
        String jobsView = ConsoleBrowser.viewState(chosen);
        String httpSession = browser.httpSession();
        assertThat(httpSession).isNotBlank();

        twoRequestsForOneVmAtOnceOnTwoNodesLetExactlyOneThrough();
        aConsoleTicketOfNodeOneOpensTheConsoleOnNodeTwoOnce(session);

        // one node listens for the host (node 1, which started first, unless its heartbeats stalled past the
        // node timeout while node 2 booted): the other's events are not recorded
        String listening = listenerOf(HOST);
        assertThat(listening).isIn(one.name(), two.name());
        ClusterNode deaf = listening.equals(one.name()) ? two : one;
        TestAccounts.asAdmin(deaf.base()).post("/api/vms/" + VM + "/poweroff").then().statusCode(200);

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
        // the console on node 2 with the same cookies: still signed in, and node 1's jobs page goes on, its schedule
        // form changing the job that page chose on node 1 (the view and its bean came with the replicated session)
        browser.get(two.base(), "/console/jobs.xhtml").then().statusCode(200).body(containsString(SIGNED_IN_AS + TestAccounts.ADMIN));
        Response saved = browser.ajax(two.base(), "/console/jobs.xhtml", jobsView, "schedule-form:save",
                "schedule-form:save schedule-form", "schedule-form jobs",
                Map.of("schedule-form", "schedule-form", "schedule-form:schedule", "every 2h"));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.asString()).contains("Job " + CONSOLE_JOB + " now runs every 2h");
        assertThat(browser.httpSession()).as("the HTTP session node 1 made").isEqualTo(httpSession);
        TestAccounts.asAdmin(two.base()).get("/api/jobs/" + CONSOLE_JOB).then().statusCode(200).body("schedule", equalTo("every 2h"));
        // behind the load balancer: it left node 1 out, the console and the API go on with the same cookies
        for (int i = 0; i < 4; i++) {
            browser.get(balancer.base(), "/console/jobs.xhtml").then().statusCode(200)
                    .body(containsString(SIGNED_IN_AS + TestAccounts.ADMIN));
            given().baseUri(balancer.base()).cookie("VIREO_SESSION", session).get("/api/vms/" + VM).then().statusCode(200);
        }

        // node 2 took the host over: its events are recorded, once
        await("node 2 listens for the host").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> two.name().equals(listenerOf(HOST)));
        List<String> recorded = new ArrayList<>();
        if (deaf == one) {
            // node 2 listened all along and its VM still runs
            TestAccounts.asAdmin(two.base()).post("/api/vms/" + VM + "/poweroff").then().statusCode(200);
            recorded.add("stopped by " + two.name());
        }
        TestAccounts.asAdmin(two.base()).post("/api/vms/" + VM + "/start").then().statusCode(200);
        recorded.add("started by " + two.name());
        JsonPath events = await("the start recorded").atMost(Duration.ofMinutes(1)).until(() -> TestAccounts.asAdmin(two.base())
                .get("/api/vms/" + VM + "/events").then().statusCode(200).extract().jsonPath(),
                json -> "started".equals(json.getString("[0].kind")));
        assertThat(events.getString("[0].node")).isEqualTo(two.name());
        two.anonymous().cookie("VIREO_SESSION", session).get("/api/vms/" + VM).then().statusCode(200).body("state", equalTo("running"));
        int atTheEnd = answers.size();
        await().until(() -> answers.size() >= atTheEnd + 20);
        loading.set(false);
        load.join();

        assertThat(ended.getString("status")).isEqualTo("failed");
        assertThat(ended.getString("message")).startsWith("HAC0001E").contains(one.name());
        assertThat(answers).as("node 2's answers while node 1 died").hasSizeGreaterThan(40).allMatch(status -> status == 200);
        two.anonymous().cookie("VIREO_SESSION", session).get("/api/vms/" + VM).then().statusCode(200);

        // each event once, by the node that listened then: the other node's poweroff is in no row
        assertThat(strings("select kind || ' by ' || node from vm_event where vm = '" + VM + "' order by occurred"))
                .containsExactlyElementsOf(recorded);

        // the survivor's metrics, scraped as the README says (management port = HTTP port + 1910) and read as
        // Prometheus reads them: the VM requests it served all along, and its connection to the host
        PrometheusText metrics = PrometheusText.parse(given().baseUri("http://localhost:" + (two.httpPort() + 1910))
                .get("/metrics").then().statusCode(200).extract().asString());
        List<PrometheusText.Sample> vmReads = metrics.find("vireo_http_requests_seconds_count",
                Map.of("method", "GET", "route", "/api/vms/{name}", "status", "200"));
        assertThat(vmReads).hasSize(1);
        assertThat(vmReads.get(0).value()).isGreaterThanOrEqualTo(answers.size());
        await("node 2's host connection in its metrics").atMost(Duration.ofMinutes(1)).until(() -> PrometheusText.parse(
                given().baseUri("http://localhost:" + (two.httpPort() + 1910)).get("/metrics").asString())
                .find("vireo_host_connection", Map.of("host", HOST, "state", "connected")).stream()
                .anyMatch(sample -> sample.value() == 1));

        // every HTTP session write went to the other node: no attribute that would not serialize
        for (ClusterNode node : List.of(one, two)) {
            assertThat(Files.readString(node.serverLog())).as(node.serverLog().toString())
                    .doesNotContain("NotSerializableException").doesNotContain("MarshallingException");
        }

        // the cluster job: never two runs in one period, though both nodes ran it (or might have)
        List<Instant> runs = runsOf(CLUSTER_JOB);
        assertThat(runs).as("runs of " + CLUSTER_JOB).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(runs.get(i - 1), runs.get(i)))
                    .as("runs of %s at %s and %s", CLUSTER_JOB, runs.get(i - 1), runs.get(i))
                    .isGreaterThanOrEqualTo(JOB_PERIOD.minusMillis(500));
        }
    }

    /**
     * Two requests at once, one on each node, for one VM (a probe operation that locks it and holds
     * it in a task): exactly one goes through, the other is refused naming the holder and its node.
     */
    /**
     * A web console ticket as node 1's connect action writes it (the test driver cannot set a display
     * password, so connect itself cannot run here): node 2's WebSocket takes it and reaches the VM's
     * VNC server; node 1 then refuses it, spent.
     */
    private static void aConsoleTicketOfNodeOneOpensTheConsoleOnNodeTwoOnce(String session) throws Exception {
        String ticket = WebConsole.newTicket();
        try (Connection db = database.connect("vireo")) {
            WebConsole.issuedByAnotherServer(db, ticket, CONSOLE_VM, TestAccounts.ADMIN, Instant.now().plusSeconds(30));
        }
        CompletableFuture<Socket> reached = CompletableFuture.supplyAsync(() -> {
            try {
                return vnc.accept();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        WebConsole.Socket console = WebConsole.open(two.base(), CONSOLE_VM, ticket, session);
        try (Socket proxied = reached.get(30, TimeUnit.SECONDS); OutputStream toBrowser = proxied.getOutputStream()) {
            toBrowser.write(GREETING);
            toBrowser.flush();
            assertThat(console.received().get(30, TimeUnit.SECONDS)).isEqualTo(GREETING);
        }
        assertThat(WebConsole.open(one.base(), CONSOLE_VM, ticket, session).closed().get(30, TimeUnit.SECONDS))
                .as("spent on node 2").isEqualTo(WebConsole.POLICY_VIOLATION);
        try (Connection db = database.connect("vireo")) {
            assertThat(WebConsole.stored(db, ticket)).isFalse();
        }
    }

    private static void twoRequestsForOneVmAtOnceOnTwoNodesLetExactlyOneThrough() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<Response>> sent = new ArrayList<>();
        try {
            for (ClusterNode node : List.of(one, two)) {
                sent.add(clients.submit(() -> {
                    together.await();
                    return node.anonymous().basePath("/vireo-probe").queryParam("vm", VM).post("/tasks/locked");
                }));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : sent) {
                answers.add(answer.get(2, TimeUnit.MINUTES));
            }
            List<Integer> statuses = answers.stream().map(Response::statusCode).sorted().toList();
            assertThat(statuses).as("answers of node 1 and node 2").containsExactly(200, 409);
            int won = answers.get(0).statusCode() == 200 ? 0 : 1;
            ClusterNode winner = won == 0 ? one : two;
            String task = answers.get(won).path("id");
            JsonPath refusal = answers.get(1 - won).jsonPath();
            assertThat(refusal.getString("code")).isEqualTo("LOCK0001E");
            assertThat(refusal.getString("reason")).contains("busy with probe.lock (task " + task + ") on server node "
                    + winner.name());
            assertThat(strings("select node from operation_lock where name = '" + VM + "'")).containsExactly(winner.name());

            winner.anonymous().basePath("/vireo-probe").queryParam("target", "/api/vms/" + VM).post("/tasks/release").then()
                    .statusCode(204);
            await("the winner's task").atMost(Duration.ofMinutes(1)).until(() -> TestAccounts.asAdmin(winner.base())
                    .get("/api/tasks/" + task).then().statusCode(200).extract().<String>path("status"), "finished"::equals);
            assertThat(strings("select node from operation_lock where name = '" + VM + "'")).isEmpty();
        } finally {
            clients.shutdownNow();
        }
    }

    /** The id of the button {@code button} in the row of {@code job} of the jobs page's table. */
    private static String rowButton(String page, String job, String button) {
        Matcher row = Pattern.compile("<strong>" + Pattern.quote(job) + "</strong>.*?id=\"(jobs:table:\\d+:" + button + ")\"",
                Pattern.DOTALL).matcher(page);
        assertThat(row.find()).as("the %s button of %s", button, job).isTrue();
        return row.group(1);
    }

    private static String listenerOf(String host) throws SQLException {
        List<String> nodes = strings("select node from host_listener where host = '" + host + "'");
        return nodes.isEmpty() ? null : nodes.get(0);
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
