package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * VM pools on the test driver: a pool fills to its size with running thin clones of its
 * template (in libvirt and in the database), checkouts race for ready VMs without ever sharing
 * one, a VM past its lifetime goes with its volumes, a new template replaces the ready VMs, a
 * broken template backs off, and bad input changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VmPoolIT {

    static final String VOLUMES = "/api/storagepools/default-pool/storagevolumes";
    private static final Duration FILL = Duration.ofSeconds(90);

    private String suffix;
    private final List<String> pools = new ArrayList<>();
    private final List<String> templates = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.earWithTaskProbe();
    }

    @BeforeEach
    void names() {
        suffix = UUID.randomUUID().toString().substring(0, 6);
    }

    @AfterEach
    void removeWhatTheTestMade() {
        for (String pool : pools) {
            // checked-out VMs are given back first, so that the pool may go
            for (String hostname : api().get("/api/vmpools/" + pool + "/vms").then().extract().jsonPath()
                    .<String>getList("findAll { it.state == 'running' }.hostname")) {
                api().delete("/vmpooler/api/v1/vm/" + hostname);
            }
            api().delete("/api/vmpools/" + pool);
        }
        templates.forEach(template -> api().delete("/api/templates/" + template));
        volumes.forEach(volume -> api().delete(VOLUMES + "/" + volume));
    }

    @Test
    void aPoolFillsToItsSizeWithRunningThinClonesOfItsTemplate() throws SQLException {
        String template = goldTemplate("fill");
        String pool = pool("fill", template, 3, ", \"aliases\": [\"fill-alias-" + suffix + "\"], \"domain\": \"Pool.Example.COM\"")
                .statusCode(201)
                .body("name", equalTo("fill-" + suffix))
                .body("template", equalTo(template))
                .body("size", equalTo(3))
                .body("default_lifetime", equalTo(24))
                .body("max_lifetime", equalTo(168))
                .body("domain", equalTo("pool.example.com"))
                .extract().path("name");

        List<String> hostnames = awaitReady(pool, 3);
        assertThat(new HashSet<>(hostnames)).hasSize(3);
        List<String> domains = Vireo.probe().get("/domains").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(domains).containsAll(hostnames);
        String gold = api().get(VOLUMES + "/" + volumes.get(0)).then().statusCode(200).extract().path("path");
        for (String hostname : hostnames) {
            assertThat(hostname).matches("[a-z][a-z0-9]{14}");
            api().get("/api/vms/" + hostname).then().statusCode(200).body("state", equalTo("running"));
            // its disk is a new qcow2 volume over the template's base volume, not a copy of it
            String path = api().get("/api/vms/" + hostname + "/storages").then().statusCode(200)
                    .extract().path("find { it.type == 'disk' }.path");
            assertThat(path).isNotEqualTo(gold).startsWith("/default-pool/");
            api().get(VOLUMES + "/" + path.substring("/default-pool/".length())).then().statusCode(200)
                    .body("format", equalTo("qcow2"));
        }
        api().get("/api/vmpools/fill-alias-" + suffix).then().statusCode(200).body("name", equalTo(pool))
                .body("ready", equalTo(3)).body("pending", equalTo(0));
        try (Connection db = Vireo.database()) {
            assertThat(count(db, "select count(*) from pool_vm v join vm_pool p on v.pool_id = p.id"
                    + " where p.name = ? and v.state = 'READY' and v.host = 'local'", pool)).isEqualTo(3);
            assertThat(count(db, "select count(*) from pool_event where pool = ? and kind = 'READY' and duration_ms >= 0",
                    pool)).isEqualTo(3);
            assertThat(count(db, "select count(*) from pool_event where pool = ? and kind = 'CLONED'", pool)).isEqualTo(3);
        }
    }

    @Test
    void fiftyConcurrentCheckoutsNeverGetTheSameVm() throws Exception {
        String pool = pool("race", goldTemplate("race"), 20, "").statusCode(201).extract().path("name");
        awaitReady(pool, 20);
        String token = api().post("/vmpooler/api/v1/token").then().statusCode(200).extract().path("token");

        ExecutorService clients = Executors.newFixedThreadPool(50);
        List<Callable<Response>> checkouts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            checkouts.add(() -> Vireo.anonymous().header("X-AUTH-TOKEN", token).post("/vmpooler/api/v1/vm/" + pool));
        }
        List<String> handedOut = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        int empty = 0;
        try {
            for (Future<Response> answer : clients.invokeAll(checkouts)) {
                Response response = answer.get();
                millis.add(response.time());
                if (response.statusCode() == 200) {
                    assertThat(response.jsonPath().getBoolean("ok")).isTrue();
                    handedOut.add(response.jsonPath().getString("'" + pool + "'.hostname"));
                } else {
                    assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
                    assertThat(response.jsonPath().getBoolean("ok")).isFalse();
                    assertThat(response.jsonPath().getString("code")).isEqualTo("VMP0004E");
                    empty++;
                }
            }
        } finally {
            clients.shutdownNow();
        }
        millis.sort(null);
        System.out.println("VmPoolIT: 50 concurrent checkouts, answer time p50 " + millis.get(24) + " ms, p99 "
                + millis.get(48) + " ms, max " + millis.get(49) + " ms (a measurement, not a verdict)");
        // the 20 ready ones at least (the manager refills meanwhile), each to one client only
        assertThat(handedOut.size()).isGreaterThanOrEqualTo(20);
        assertThat(handedOut.size() + empty).isEqualTo(50);
        assertThat(new HashSet<>(handedOut)).hasSameSizeAs(handedOut);
        try (Connection db = Vireo.database()) {
            assertThat(count(db, "select count(*) from pool_vm v join vm_pool p on v.pool_id = p.id"
                    + " where p.name = ? and v.state = 'RUNNING' and v.owner = 'admin' and v.token is not null", pool))
                    .isEqualTo(handedOut.size());
            assertThat(count(db, "select count(*) from pool_event where pool = ? and kind = 'CHECKED_OUT'", pool))
                    .isEqualTo(handedOut.size());
        }
        // the token names them, as vmpooler lists a token's VMs
        List<String> ofToken = Vireo.anonymous().header("X-AUTH-TOKEN", token).get("/vmpooler/api/v1/token/" + token)
                .then().statusCode(200).extract().jsonPath().getList("find { it.key != 'ok' }.value.vms.running");
        assertThat(ofToken).containsExactlyInAnyOrderElementsOf(handedOut);
    }

    /**
     * A request gets all the VMs it asks for or none, however many ask at once. Twenty requests for
     * two VMs at once, from a pool of nine: an answered request holds exactly its two, a refused
     * one none (what it had won is ready again), and the database and audit log say the same.
     */
    @Test
    void concurrentRequestsForTwoVmsEachGetTwoOrNone() throws Exception {
        String pool = pool("pairs", goldTemplate("pairs"), 9, "").statusCode(201).extract().path("name");
        awaitReady(pool, 9);
        String audited = "select count(*) from audit_event where action = 'vmpool.checkout' and result = ?";
        int answeredBefore;
        int refusedBefore;
        try (Connection db = Vireo.database()) {
            answeredBefore = count(db, audited, "ok");
            refusedBefore = count(db, audited, "VMP0004E");
        }
        ExecutorService clients = Executors.newFixedThreadPool(20);
        List<Callable<Response>> checkouts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            checkouts.add(() -> api().post("/vmpooler/api/v1/vm/" + pool + "+" + pool));
        }
        List<String> handedOut = new ArrayList<>();
        int answered = 0;
        try {
            for (Future<Response> answer : clients.invokeAll(checkouts)) {
                Response response = answer.get();
                if (response.statusCode() == 200) {
                    List<String> pair = response.jsonPath().getList("'" + pool + "'.hostname");
                    assertThat(pair).hasSize(2);
                    handedOut.addAll(pair);
                    answered++;
                } else {
                    assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
                    assertThat(response.jsonPath().getString("code")).isEqualTo("VMP0004E");
                }
            }
        } finally {
            clients.shutdownNow();
        }
        // four pairs of the nine ready at least (the manager refills meanwhile), no VM twice
        assertThat(answered).isGreaterThanOrEqualTo(4);
        assertThat(new HashSet<>(handedOut)).hasSameSizeAs(handedOut);
        try (Connection db = Vireo.database()) {
            assertThat(count(db, "select count(*) from pool_vm v join vm_pool p on v.pool_id = p.id"
                    + " where p.name = ? and v.state = 'RUNNING'", pool)).isEqualTo(handedOut.size());
            assertThat(count(db, "select count(*) from pool_event where pool = ? and kind = 'CHECKED_OUT'", pool))
                    .isEqualTo(handedOut.size());
            assertThat(count(db, audited, "ok") - answeredBefore).isEqualTo(answered);
            assertThat(count(db, audited, "VMP0004E") - refusedBefore).isEqualTo(20 - answered);
        }
    }

    /**
     * On PostgreSQL a checkout of one VM passes over the ready VMs whose rows another server's
     * checkout holds ({@code for update skip locked}) instead of waiting for them. Here a second
     * connection stands for that server: it holds the rows of three of the four ready VMs while the
     * checkout runs. Had the checkout waited for a held row (it starts at a random one of the four:
     * three times in four at a held one), it would end only once they are released, and with it.
     */
    @Test
    void onPostgreSqlACheckoutPassesOverTheReadyVmsAnotherServerHolds() throws Exception {
        try (Connection db = Vireo.database()) {
            Assumptions.assumeTrue(db.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL"),
                    "H2 has one server, and its checkouts wait for a held row");
        }
        String pool = pool("held", goldTemplate("held"), 4, "").statusCode(201).extract().path("name");
        awaitReady(pool, 4);
        String handedOut;
        List<String> byId = new ArrayList<>();
        try (Connection otherServer = Vireo.database()) {
            otherServer.setAutoCommit(false);
            try (PreparedStatement ready = otherServer.prepareStatement("select v.hostname from pool_vm v join vm_pool p"
                    + " on v.pool_id = p.id where p.name = ? and v.state = 'READY' order by v.id")) {
                ready.setString(1, pool);
                try (ResultSet rows = ready.executeQuery()) {
                    while (rows.next()) {
                        byId.add(rows.getString(1));
                    }
                }
            }
            assertThat(byId).hasSize(4);
            try (PreparedStatement hold = otherServer.prepareStatement(
                    "select id from pool_vm where hostname in (?, ?, ?) for update")) {
                hold.setString(1, byId.get(0));
                hold.setString(2, byId.get(1));
                hold.setString(3, byId.get(2));
                hold.executeQuery().close();
            }
            ExecutorService client = Executors.newSingleThreadExecutor();
            try {
                Future<Response> checkout = client.submit(() -> api().post("/vmpooler/api/v1/vm/" + pool));
                try {
                    checkout.get(60, TimeUnit.SECONDS);
                } catch (TimeoutException waiting) {
                    // it waits for a held row: released below, it gets it, and the assertion says so
                }
                otherServer.rollback();
                Response answer = checkout.get();
                assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
                handedOut = answer.jsonPath().getString("'" + pool + "'.hostname");
            } finally {
                client.shutdownNow();
            }
        }
        assertThat(handedOut).isEqualTo(byId.get(3));
    }

    @Test
    void aCheckedOutVmPastItsLifetimeIsDestroyedWithItsVolumesAndReplaced() throws SQLException {
        String pool = pool("life", goldTemplate("life"), 1, ", \"default_lifetime\": 2").statusCode(201).extract().path("name");
        awaitReady(pool, 1);
        String hostname = api().post("/vmpooler/api/v1/vm/" + pool).then().statusCode(200).extract()
                .path("'" + pool + "'.hostname");
        String path = api().get("/api/vms/" + hostname + "/storages").then().statusCode(200)
                .extract().path("find { it.type == 'disk' }.path");
        String volume = path.substring("/default-pool/".length());
        api().get("/vmpooler/api/v1/vm/" + hostname).then().statusCode(200)
                .body("'" + hostname + "'.lifetime", equalTo(2)).body("'" + hostname + "'.state", equalTo("running"));

        // three hours pass
        try (Connection db = Vireo.database();
             PreparedStatement back = db.prepareStatement("update pool_vm set checked_out = ? where hostname = ?")) {
            back.setObject(2, hostname);
            back.setObject(1, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusHours(3));
            assertThat(back.executeUpdate()).isEqualTo(1);
        }
        await().atMost(FILL).until(() -> !Vireo.probe().get("/domains").then().extract().jsonPath()
                .getList("$").contains(hostname));
        api().get(VOLUMES + "/" + volume).then().statusCode(404);
        api().get("/vmpooler/api/v1/vm/" + hostname).then().statusCode(404).body("code", equalTo("VMP0005E"));
        try (Connection db = Vireo.database()) {
            assertThat(count(db, "select count(*) from pool_vm where hostname = ?", hostname)).isZero();
            assertThat(count(db, "select count(*) from pool_event where hostname = ? and kind = 'DESTROYED'"
                    + " and detail like '%lifetime of 2 hours ended%'", hostname)).isEqualTo(1);
        }
        awaitReady(pool, 1);
    }

    @Test
    void aReadyVmStoppedBehindVireosBackIsNeverHandedOut() throws SQLException {
        String pool = pool("ghost", goldTemplate("ghost"), 2, "").statusCode(201).extract().path("name");
        List<String> ready = awaitReady(pool, 2);
        String ghost = ready.get(0);
        // no manager round between the stop and the checkouts: only the checkout can notice
        managerEnabled(false);
        try {
            Vireo.probe().post("/domains/" + ghost + "/destroy").then().statusCode(204);
            await().until(() -> "shutoff".equals(api().get("/api/vms/" + ghost).then().extract().path("state")));

            api().contentType(ContentType.JSON).body("{\"" + pool + "\": \"2\"}").post("/vmpooler/api/v1/vm").then()
                    .statusCode(503).body("ok", equalTo(false));
            // retired although the checkout that found it failed, and the other VM is ready again
            try (Connection db = Vireo.database()) {
                assertThat(count(db, "select count(*) from pool_vm where hostname = ? and state = 'RETIRING'"
                        + " and reason like '%found at checkout%'", ghost)).isEqualTo(1);
                assertThat(count(db, "select count(*) from pool_vm where hostname = ? and state = 'READY'", ready.get(1)))
                        .isEqualTo(1);
            }
            api().post("/vmpooler/api/v1/vm/" + pool).then().statusCode(200)
                    .body("'" + pool + "'.hostname", equalTo(ready.get(1)));
            api().post("/vmpooler/api/v1/vm/" + pool).then().statusCode(503);
        } finally {
            managerEnabled(true);
        }
        // the manager takes the ghost away with its volumes and fills the pool again
        await().atMost(FILL).until(() -> !Vireo.probe().get("/domains").then().extract().jsonPath()
                .getList("$").contains(ghost));
        awaitReady(pool, 2);
    }

    @Test
    void aCheckedOutVmRemovedBehindVireosBackLeavesItsPoolAndItsHolder() throws SQLException {
        String pool = pool("gone", goldTemplate("gone"), 1, "").statusCode(201).extract().path("name");
        awaitReady(pool, 1);
        String hostname = api().post("/vmpooler/api/v1/vm/" + pool).then().statusCode(200).extract()
                .path("'" + pool + "'.hostname");
        Vireo.probe().delete("/domains/" + hostname).then().statusCode(204);

        await().atMost(FILL).until(() -> api().get("/vmpooler/api/v1/vm/" + hostname).then().extract().statusCode() == 404);
        await().atMost(FILL).until(() -> {
            try (Connection db = Vireo.database()) {
                return count(db, "select count(*) from pool_vm where hostname = ?", hostname) == 0;
            }
        });
        try (Connection db = Vireo.database()) {
            assertThat(count(db, "select count(*) from pool_event where hostname = ? and kind = 'DESTROYED'"
                    + " and detail like '%removed outside Vireo%'", hostname)).isEqualTo(1);
        }
        awaitReady(pool, 1);
    }

    @Test
    void aNewTemplateReplacesTheReadyVms() {
        String pool = pool("swap", goldTemplate("swap"), 2, "").statusCode(201).extract().path("name");
        List<String> old = awaitReady(pool, 2);
        String next = goldTemplate("swap2");
        api().contentType(ContentType.JSON).body("{\"template\": \"" + next + "\"}").put("/api/vmpools/" + pool).then()
                .statusCode(200).body("template", equalTo(next));
        await().atMost(FILL).until(() -> {
            JsonPath vms = api().get("/api/vmpools/" + pool + "/vms").then().statusCode(200).extract().jsonPath();
            return vms.getList("findAll { it.state == 'ready' && it.template == '" + next + "' }").size() == 2
                    && vms.getList("hostname").stream().noneMatch(old::contains);
        });
        List<String> domains = Vireo.probe().get("/domains").then().extract().jsonPath().getList("$");
        assertThat(domains).doesNotContainAnyElementsOf(old);
    }

    @Test
    void aBrokenTemplateBacksOffInsteadOfLooping() throws SQLException {
        String template = goldTemplate("broken");
        // the template's base volume goes: every clone of it fails
        api().delete(VOLUMES + "/" + volumes.remove(volumes.size() - 1)).then().statusCode(204);
        String pool = pool("broken", template, 2, "").statusCode(201).extract().path("name");
        JsonPath failed = await().atMost(FILL).until(() -> api().get("/api/vmpools/" + pool).then().extract().jsonPath(),
                view -> view.getInt("clone_failures") > 0 && view.getString("retry_after") != null);
        assertThat(failed.getString("last_failure")).isNotBlank();
        assertThat(failed.getInt("ready")).isZero();
        try (Connection db = Vireo.database()) {
            // every failure is one attempt; the next may come only after the back-off
            int failures = count(db, "select count(*) from pool_event where pool = ? and kind = 'FAILED'", pool);
            assertThat(failures).isBetween(1, 2);
            Instant lastFailure;
            try (PreparedStatement last = db.prepareStatement("select max(time) from pool_event where pool = ? and kind = 'FAILED'")) {
                last.setString(1, pool);
                try (ResultSet row = last.executeQuery()) {
                    row.next();
                    lastFailure = row.getObject(1, java.time.OffsetDateTime.class).toInstant();
                }
            }
            Instant retryAfter = Instant.parse(api().get("/api/vmpools/" + pool).then().extract().path("retry_after"));
            assertThat(Duration.between(lastFailure, retryAfter)).isGreaterThanOrEqualTo(Duration.ofSeconds(14));
        }
        // the failed clones left nothing behind: no domain, and their rows go once destroyed
        List<String> attempted = new ArrayList<>();
        try (Connection db = Vireo.database();
             PreparedStatement clones = db.prepareStatement("select hostname from pool_event where pool = ? and kind = 'FAILED'")) {
            clones.setString(1, pool);
            try (ResultSet rows = clones.executeQuery()) {
                while (rows.next()) {
                    attempted.add(rows.getString(1));
                }
            }
        }
        List<String> domains = Vireo.probe().get("/domains").then().extract().jsonPath().getList("$");
        assertThat(domains).doesNotContainAnyElementsOf(attempted);
    }

    @Test
    void badInputIsRefusedAndNothingChanges() throws SQLException {
        String template = goldTemplate("bad");
        String name = "bad-" + suffix;
        pool("keep", template, 0, "").statusCode(201);
        int before;
        try (Connection db = Vireo.database()) {
            before = count(db, "select count(*) from vm_pool where name like ?", "%-" + suffix);
        }
        String[][] refusals = {
                {"{\"name\": \"-bad\", \"template\": \"" + template + "\"}", "400", "NAME0001E"},
                {"{\"name\": \"" + name + "\"}", "400", "API0010E"},
                {"{\"name\": \"" + name + "\", \"template\": \"no-such-" + suffix + "\"}", "400", "VMP0003E"},
                {"{\"name\": \"" + name + "\", \"template\": \"" + template + "\", \"size\": -1}", "400", "API0002E"},
                {"{\"name\": \"" + name + "\", \"template\": \"" + template + "\", \"size\": 100000}", "400", "API0002E"},
                {"{\"name\": \"" + name + "\", \"template\": \"" + template + "\", \"default_lifetime\": 9,"
                        + " \"max_lifetime\": 8}", "400", "API0002E"},
                {"{\"name\": \"" + name + "\", \"template\": \"" + template + "\", \"domain\": \"a..b\"}", "400", "API0002E"},
                {"{\"name\": \"" + name + "\", \"template\": \"" + template + "\", \"aliases\": [\"x\", \"x\"]}", "400", "API0002E"},
                {"{\"name\": \"" + name + "\", \"template\": \"" + template + "\", \"aliases\": [\"a/b\"]}", "400", "NAME0001E"},
                {"{\"name\": \"" + name + "\", \"template\": \"" + template + "\", \"host\": \"no-such-host\"}", "404", "ZONE0001E"},
                {"{\"name\": \"" + name + "\", \"template\": \"" + template + "\", \"computepool\": \"no-such\"}", "404", "ZONE0006E"},
                {"{\"name\": \"" + name + "\", \"template\": \"" + template + "\", \"colour\": \"red\"}", "400", "API0003E"},
                {"{\"name\": \"keep-" + suffix + "\", \"template\": \"" + template + "\"}", "409", "VMP0002E"},
                {"{\"name\": \"" + name + "\", \"template\": \"" + template + "\", \"aliases\": [\"keep-" + suffix + "\"]}",
                        "409", "VMP0002E"},
        };
        for (String[] refusal : refusals) {
            api().contentType(ContentType.JSON).body(refusal[0]).post("/api/vmpools").then()
                    .statusCode(Integer.parseInt(refusal[1])).body("code", equalTo(refusal[2]));
        }
        api().contentType(ContentType.JSON).body("{\"name\": \"other\"}").put("/api/vmpools/keep-" + suffix).then()
                .statusCode(400).body("code", equalTo("VMP0010E"));
        api().contentType(ContentType.JSON).body("{\"size\": 3, \"max_lifetime\": 0}").put("/api/vmpools/keep-" + suffix)
                .then().statusCode(400).body("code", equalTo("API0002E"));
        api().contentType(ContentType.JSON).body("{\"size\": 1}").put("/api/vmpools/none-" + suffix).then()
                .statusCode(404).body("code", equalTo("VMP0001E"));
        api().delete("/api/vmpools/none-" + suffix).then().statusCode(404).body("code", equalTo("VMP0001E"));

        api().get("/api/vmpools/keep-" + suffix).then().statusCode(200).body("size", equalTo(0))
                .body("max_lifetime", equalTo(168));
        api().get("/api/vmpools/" + name).then().statusCode(404);
        try (Connection db = Vireo.database()) {
            assertThat(count(db, "select count(*) from vm_pool where name like ?", "%-" + suffix)).isEqualTo(before);
            assertThat(count(db, "select count(*) from pool_vm v join vm_pool p on v.pool_id = p.id where p.name = ?",
                    "keep-" + suffix)).isZero();
        }
    }

    @Test
    void aPoolWithCheckedOutVmsIsNotDeletedAndOneWithoutGoesWithItsVms() throws SQLException {
        String pool = pool("del", goldTemplate("del"), 2, "").statusCode(201).extract().path("name");
        List<String> ready = awaitReady(pool, 2);
        String out = api().post("/vmpooler/api/v1/vm/" + pool).then().statusCode(200).extract().path("'" + pool + "'.hostname");
        api().delete("/api/vmpools/" + pool).then().statusCode(409).body("code", equalTo("VMP0006E"));
        api().delete("/vmpooler/api/v1/vm/" + out).then().statusCode(200).body("ok", equalTo(true));
        await().atMost(FILL).until(() -> api().get("/api/vmpools/" + pool + "/vms").then().extract().jsonPath()
                .getList("findAll { it.state == 'running' || it.state == 'retiring' }").isEmpty());
        api().delete("/api/vmpools/" + pool).then().statusCode(204);
        pools.remove(pool);
        api().get("/api/vmpools/" + pool).then().statusCode(404);
        List<String> domains = Vireo.probe().get("/domains").then().extract().jsonPath().getList("$");
        assertThat(domains).doesNotContainAnyElementsOf(ready);
        try (Connection db = Vireo.database()) {
            assertThat(count(db, "select count(*) from vm_pool where name = ?", pool)).isZero();
            for (String hostname : ready) {
                assertThat(count(db, "select count(*) from pool_vm where hostname = ?", hostname)).isZero();
                // the events of the pool's VMs stay, their destruction included (vmpooler's summaries count them)
                assertThat(count(db, "select count(*) from pool_event where pool = ? and hostname = ? and kind = 'DESTROYED'",
                        pool, hostname)).isOne();
            }
        }
    }

    // helpers

    /** A template whose disk is a thin overlay of a small qcow2 base volume of pool default-pool. */
    private String goldTemplate(String what) {
        String volume = "gold-" + what + "-" + suffix + ".qcow2";
        String task = api().contentType(ContentType.JSON).body("{\"name\": \"" + volume + "\", \"capacity\": 1048576,"
                + " \"format\": \"qcow2\"}").post(VOLUMES).then().statusCode(202).extract().path("id");
        await().until(() -> "finished".equals(api().get("/api/tasks/" + task).then().extract().path("status")));
        volumes.add(volume);
        String template = "gold-" + what + "-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"memory\": {\"current\": 128, \"maxmemory\": 128},"
                        + " \"disks\": [{\"volume\": \"" + volume + "\", \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        templates.add(0, template);
        return template;
    }

    private io.restassured.response.ValidatableResponse pool(String what, String template, int size, String more) {
        String name = what + "-" + suffix;
        pools.add(0, name);
        return api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"template\": \"" + template
                + "\", \"size\": " + size + more + "}").post("/api/vmpools").then();
    }

    static void managerEnabled(boolean enabled) {
        api().contentType(ContentType.JSON).body("{\"enabled\": " + enabled + "}").put("/api/jobs/vmpool-manager").then()
                .statusCode(200).body("enabled", equalTo(enabled));
    }

    /** Waits until the pool has {@code size} ready VMs; answers their host names. */
    static List<String> awaitReady(String pool, int size) {
        await().atMost(FILL).until(() -> api().get("/api/vmpools/" + pool).then().extract().<Integer>path("ready") == size);
        return api().get("/api/vmpools/" + pool + "/vms").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.state == 'ready' }.hostname");
    }

    static int count(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
