package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * vmpooler's API under {@code /vmpooler/api/v1}, route by route with the return codes its
 * documentation gives: tokens (Vireo's own), pools, checkouts of one or several pools (all or
 * none), a VM's details, lifetime and tags, giving it back, status and configuration.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VmpoolerFaceIT {

    private static final String V1 = "/vmpooler/api/v1";
    private static final Duration FILL = Duration.ofSeconds(90);

    private String suffix;
    private String poolA;
    private String poolB;
    private String token;
    private String tokenId;
    private final List<String> cleanup = new ArrayList<>();

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.earWithTaskProbe();
    }

    @BeforeEach
    void twoPools() {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        String volume = "vp-" + suffix + ".qcow2";
        String task = api().contentType(ContentType.JSON).body("{\"name\": \"" + volume + "\", \"capacity\": 1048576}")
                .post(VmPoolIT.VOLUMES).then().statusCode(202).extract().path("id");
        await().until(() -> "finished".equals(api().get("/api/tasks/" + task).then().extract().path("status")));
        String template = "vp-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"memory\": {\"current\": 128, \"maxmemory\": 128},"
                + " \"disks\": [{\"volume\": \"" + volume + "\", \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        poolA = "vpa-" + suffix;
        poolB = "vpb-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + poolA + "\", \"template\": \"" + template + "\", \"size\": 3,"
                + " \"aliases\": [\"vpa-alias-" + suffix + "\"], \"domain\": \"example.com\", \"max_lifetime\": 12}")
                .post("/api/vmpools").then().statusCode(201);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + poolB + "\", \"template\": \"" + template + "\", \"size\": 1}")
                .post("/api/vmpools").then().statusCode(201);
        cleanup.add("/api/vmpools/" + poolA);
        cleanup.add("/api/vmpools/" + poolB);
        cleanup.add("/api/templates/" + template);
        cleanup.add(VmPoolIT.VOLUMES + "/" + volume);
        VmPoolIT.awaitReady(poolA, 3);
        VmPoolIT.awaitReady(poolB, 1);
        io.restassured.path.json.JsonPath issued = api().post(V1 + "/token").then().statusCode(200)
                .body("ok", equalTo(true)).extract().jsonPath();
        token = issued.getString("token");
        tokenId = issued.getString("id");
    }

    @AfterEach
    void removeThem() {
        for (String pool : List.of(poolA, poolB)) {
            api().get("/api/vmpools/" + pool + "/vms").then().extract().jsonPath()
                    .<String>getList("findAll { it.state == 'running' }.hostname")
                    .forEach(hostname -> api().delete(V1 + "/vm/" + hostname));
        }
        cleanup.forEach(path -> api().delete(path));
    }

    private RequestSpecification withToken() {
        return Vireo.anonymous().header("X-AUTH-TOKEN", token);
    }

    @Test
    void tokensAreVireosTokens() {
        withToken().get(V1 + "/token").then().statusCode(200).body("ok", equalTo(true))
                .body("'" + tokenId + "'.user", equalTo(TestAccounts.ADMIN));
        String id = tokenId;
        withToken().get(V1 + "/token/" + token).then().statusCode(200).body("ok", equalTo(true))
                .body("'" + id + "'.user", equalTo(TestAccounts.ADMIN));
        Vireo.anonymous().get(V1 + "/token").then().statusCode(401);
        withToken().get(V1 + "/token/no-such-token").then().statusCode(404);
        withToken().delete(V1 + "/token/" + token).then().statusCode(200).body("ok", equalTo(true));
        withToken().get(V1 + "/vm").then().statusCode(401);
        api().get("/api/token").then().statusCode(200).body("$", not(hasKey(id)));
    }

    @Test
    void listsPoolsAndTheirAliases() {
        withToken().get(V1 + "/vm").then().statusCode(200).body("$", hasItems(poolA, poolB, "vpa-alias-" + suffix));
        Vireo.anonymous().get(V1 + "/vm").then().statusCode(401);
    }

    @Test
    void checksOutOneVmOfAPoolWithItsDomain() throws SQLException {
        String hostname = withToken().post(V1 + "/vm/" + poolA).then().statusCode(200)
                .body("ok", equalTo(true)).body("domain", equalTo("example.com"))
                .extract().path("'" + poolA + "'.hostname");
        api().get("/api/vmpools/" + poolA + "/vms").then().body("find { it.hostname == '" + hostname + "' }.state",
                equalTo("running"));
        // by alias, too: the answer names the pool as asked
        withToken().post(V1 + "/vm/vpa-alias-" + suffix).then().statusCode(200)
                .body("$", hasKey("vpa-alias-" + suffix));
        withToken().post(V1 + "/vm/no-such-" + suffix).then().statusCode(404).body("ok", equalTo(false))
                .body("code", equalTo("VMP0001E"));
        try (Connection db = Vireo.database()) {
            assertThat(VmPoolIT.count(db, "select count(*) from pool_vm where hostname = ? and state = 'RUNNING'"
                    + " and owner = 'admin' and lifetime_hours = 12", hostname)).isEqualTo(1);
        }
    }

    @Test
    void aMultiPoolCheckoutGetsAllOrNothing() throws SQLException {
        withToken().post(V1 + "/vm/" + poolA + "+" + poolA + "+" + poolB).then().statusCode(200)
                .body("ok", equalTo(true))
                .body("'" + poolA + "'.hostname", hasSize(2))
                .body("'" + poolB + "'.hostname", org.hamcrest.Matchers.instanceOf(String.class));
        // pool B is empty now (its refill may come meanwhile: make it wait by asking for more than it holds)
        int readyA = api().get("/api/vmpools/" + poolA).then().extract().path("ready");
        withToken().post(V1 + "/vm/" + poolA + "+" + poolB + "+" + poolB + "+" + poolB).then().statusCode(503)
                .body("ok", equalTo(false)).body("code", equalTo("VMP0004E"));
        try (Connection db = Vireo.database()) {
            assertThat(VmPoolIT.count(db, "select count(*) from pool_vm v join vm_pool p on v.pool_id = p.id"
                    + " where p.name = ? and v.state = 'RUNNING'", poolA)).isEqualTo(2);
        }
        assertThat(api().get("/api/vmpools/" + poolA).then().extract().<Integer>path("ready")).isGreaterThanOrEqualTo(readyA);
        // the same by body: counts as strings or numbers
        withToken().contentType(ContentType.JSON).body("{\"" + poolA + "\": \"1\", \"" + poolB + "\": 9}").post(V1 + "/vm")
                .then().statusCode(503).body("code", equalTo("VMP0004E"));
        withToken().contentType(ContentType.JSON).body("{\"" + poolA + "\": \"1\"}").post(V1 + "/vm")
                .then().statusCode(200).body("'" + poolA + "'.hostname", org.hamcrest.Matchers.instanceOf(String.class))
                .body("domain", equalTo("example.com"));
        for (String bad : List.of("{", "[1]", "{}", "{\"" + poolA + "\": \"two\"}", "{\"" + poolA + "\": 0}",
                "{\"no-such-" + suffix + "\": 1}")) {
            withToken().contentType(ContentType.JSON).body(bad).post(V1 + "/vm").then().statusCode(404)
                    .body("ok", equalTo(false));
        }
    }

    @Test
    void aCheckedOutVmShowsChangesAndGoes() {
        String hostname = withToken().post(V1 + "/vm/" + poolA).then().statusCode(200).extract().path("'" + poolA + "'.hostname");
        String vm = "'" + hostname + "'";
        withToken().get(V1 + "/vm/" + hostname).then().statusCode(200).body("ok", equalTo(true))
                .body(vm + ".template", equalTo("vp-" + suffix))
                .body(vm + ".lifetime", equalTo(12))
                .body(vm + ".state", equalTo("running"))
                .body(vm + ".domain", equalTo("example.com"))
                .body(vm + ".host", equalTo("local"));
        withToken().contentType(ContentType.JSON).body("{\"lifetime\": \"2\"}").put(V1 + "/vm/" + hostname).then()
                .statusCode(200).body("ok", equalTo(true));
        withToken().contentType(ContentType.JSON).body("{\"tags\": {\"department\": \"engineering\", \"user\": \"jdoe\"}}")
                .put(V1 + "/vm/" + hostname).then().statusCode(200);
        withToken().get(V1 + "/vm/" + hostname).then().statusCode(200)
                .body(vm + ".lifetime", equalTo(2))
                .body(vm + ".tags.department", equalTo("engineering"))
                .body(vm + ".tags.user", equalTo("jdoe"));
        // refused: beyond the pool's maximum, not a number, a bad tag, an unknown field; nothing changes
        for (String bad : List.of("{\"lifetime\": 13}", "{\"lifetime\": \"soon\"}", "{\"lifetime\": 0}",
                "{\"tags\": {\"bad key\": \"x\"}}", "{\"tags\": {\"k\": 1}}", "{\"tags\": [1]}", "{\"colour\": 1}", "{")) {
            withToken().contentType(ContentType.JSON).body(bad).put(V1 + "/vm/" + hostname).then().statusCode(400)
                    .body("ok", equalTo(false));
        }
        withToken().get(V1 + "/vm/" + hostname).then().body(vm + ".lifetime", equalTo(2))
                .body(vm + ".tags.keySet()", contains("department", "user"));
        withToken().get(V1 + "/vm/no-such-vm").then().statusCode(404).body("code", equalTo("VMP0005E"));
        withToken().contentType(ContentType.JSON).body("{\"lifetime\": 1}").put(V1 + "/vm/no-such-vm").then().statusCode(404);

        withToken().delete(V1 + "/vm/" + hostname).then().statusCode(200).body("ok", equalTo(true));
        withToken().delete(V1 + "/vm/" + hostname).then().statusCode(404).body("code", equalTo("VMP0005E"));
        await().atMost(FILL).until(() -> !Vireo.probe().get("/domains").then().extract().jsonPath()
                .getList("$").contains(hostname));
        withToken().get(V1 + "/vm/" + hostname).then().statusCode(404);
    }

    @Test
    void anotherUsersVmDoesNotExistForOne() {
        String hostname = withToken().post(V1 + "/vm/" + poolA).then().statusCode(200).extract().path("'" + poolA + "'.hostname");
        String user = "vp-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + user + "\", \"password\": \"pw-" + suffix + "-Long1\"}")
                .post("/api/users").then().statusCode(201);
        cleanup.add(0, "/api/users/" + user);
        RequestSpecification other = TestAccounts.as(Vireo.BASE, user, "pw-" + suffix + "-Long1");
        other.get(V1 + "/vm/" + hostname).then().statusCode(404).body("code", equalTo("VMP0005E"));
        other.delete(V1 + "/vm/" + hostname).then().statusCode(404);
        withToken().get(V1 + "/vm/" + hostname).then().statusCode(200);
    }

    @Test
    void poolSizeTemplateAndResetChangeThePoolsAtRunTime() {
        withToken().contentType(ContentType.JSON).body("{\"" + poolB + "\": \"2\"}").post(V1 + "/config/poolsize").then()
                .statusCode(201).body("ok", equalTo(true));
        withToken().contentType(ContentType.JSON).body("{\"" + poolB + "\": 2}").post(V1 + "/config/poolsize").then()
                .statusCode(200).body("ok", equalTo(true));
        withToken().contentType(ContentType.JSON).body("{\"" + poolB + "\": \"3\", \"no-such-" + suffix + "\": \"1\"}")
                .post(V1 + "/config/poolsize").then().statusCode(404).body("code", equalTo("VMP0001E"));
        for (String bad : List.of("{\"" + poolB + "\": \"two\"}", "{\"" + poolB + "\": 100000}", "{}", "[", "[1]")) {
            withToken().contentType(ContentType.JSON).body(bad).post(V1 + "/config/poolsize").then().statusCode(400)
                    .body("ok", equalTo(false));
        }
        api().get("/api/vmpools/" + poolB).then().body("size", equalTo(2));
        VmPoolIT.awaitReady(poolB, 2);

        String next = "vp2-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + next + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"memory\": {\"current\": 128, \"maxmemory\": 128},"
                + " \"disks\": [{\"volume\": \"vp-" + suffix + ".qcow2\", \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        cleanup.add(2, "/api/templates/" + next);
        withToken().contentType(ContentType.JSON).body("{\"" + poolB + "\": \"no-such-" + suffix + "\"}")
                .post(V1 + "/config/pooltemplate").then().statusCode(400).body("code", equalTo("VMP0003E"));
        withToken().contentType(ContentType.JSON).body("{\"" + poolB + "\": \"" + next + "\"}")
                .post(V1 + "/config/pooltemplate").then().statusCode(201).body("ok", equalTo(true));
        withToken().contentType(ContentType.JSON).body("{\"" + poolB + "\": \"" + next + "\"}")
                .post(V1 + "/config/pooltemplate").then().statusCode(200);
        await().atMost(FILL).until(() -> api().get("/api/vmpools/" + poolB + "/vms").then().extract().jsonPath()
                .getList("findAll { it.state == 'ready' && it.template == '" + next + "' }").size() == 2);

        List<String> before = VmPoolIT.awaitReady(poolA, 3);
        withToken().contentType(ContentType.JSON).body("{\"no-such-" + suffix + "\": \"1\"}").post(V1 + "/poolreset").then()
                .statusCode(404);
        withToken().contentType(ContentType.JSON).body("{\"" + poolA + "\": \"1\"}").post(V1 + "/poolreset").then()
                .statusCode(201).body("ok", equalTo(true));
        await().atMost(FILL).until(() -> {
            List<String> ready = api().get("/api/vmpools/" + poolA + "/vms").then().extract().jsonPath()
                    .getList("findAll { it.state == 'ready' }.hostname");
            return ready.size() == 3 && ready.stream().noneMatch(before::contains);
        });
    }

    @Test
    void summaryOfTodayCountsWhatTheManagerAndCheckoutsRecorded() {
        String hostname = withToken().post(V1 + "/vm/" + poolB).then().statusCode(200).extract().path("'" + poolB + "'.hostname");
        String key = "summary-" + suffix;
        withToken().contentType(ContentType.JSON).body("{\"tags\": {\"" + key + "\": \"a=b, c\"}}")
                .put(V1 + "/vm/" + hostname).then().statusCode(200);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        withToken().get(V1 + "/summary").then().statusCode(200)
                .body("daily.date", contains(today))
                .body("checkout.pool.'" + poolB + "'", equalTo(1))
                .body("daily[0].checkout.pool.'" + poolB + "'", equalTo(1))
                .body("clone.count.total", org.hamcrest.Matchers.greaterThanOrEqualTo(4))
                .body("boot.count.total", org.hamcrest.Matchers.greaterThanOrEqualTo(4))
                .body("tag.'" + key + "'.'a=b, c'", equalTo(1))
                .body("tag.'" + key + "'.total", equalTo(1));
        withToken().get(V1 + "/summary/tag/" + key + "?from=" + today + "&to=" + today).then().statusCode(200)
                .body("tag.'" + key + "'.'a=b, c'", equalTo(1))
                .body("daily[0].tag.'" + key + "'.total", equalTo(1));
        withToken().get(V1 + "/summary?from=" + today + "&to=2000-01-01").then().statusCode(400)
                .body("ok", equalTo(false)).body("code", equalTo("VMP0012E"));
    }

    @Test
    void statusAndConfigComeFromTheDatabase() {
        withToken().get(V1 + "/status").then().statusCode(200)
                .body("capacity.total", org.hamcrest.Matchers.greaterThanOrEqualTo(4))
                .body("queue.ready", org.hamcrest.Matchers.greaterThanOrEqualTo(4))
                .body("clone.count.total", org.hamcrest.Matchers.greaterThanOrEqualTo(4))
                .body("boot.count.total", org.hamcrest.Matchers.greaterThanOrEqualTo(4))
                .body("pools.'" + poolA + "'.max", equalTo(3))
                .body("status", hasKey("ok"));
        withToken().get(V1 + "/status?view=capacity,boot").then().statusCode(200)
                .body("keySet()", contains("capacity", "boot"));
        withToken().get(V1 + "/poolstat?pool=" + poolA + ",no-such").then().statusCode(200)
                .body("pools.keySet()", contains(poolA))
                .body("pools.'" + poolA + "'.max", equalTo(3))
                .body("pools.'" + poolA + "'.alias", contains("vpa-alias-" + suffix));
        int running = withToken().get(V1 + "/totalrunning").then().statusCode(200).extract().path("running");
        withToken().post(V1 + "/vm/" + poolB).then().statusCode(200);
        withToken().get(V1 + "/totalrunning").then().statusCode(200).body("running", equalTo(running + 1));
        withToken().get(V1 + "/config").then().statusCode(200).body("status.ok", equalTo(true))
                .body("pool_configuration.find { it.name == '" + poolA + "' }.size", equalTo(3))
                .body("pool_configuration.find { it.name == '" + poolA + "' }.alias", contains("vpa-alias-" + suffix));
    }

    @Test
    void aHolderAddsADiskAndSnapshotsAndReachesItsVmThroughVireosOwnApi() {
        String user = "vh-" + suffix;
        String password = "pw-" + suffix + "-Long1";
        api().contentType(ContentType.JSON).body("{\"name\": \"" + user + "\", \"password\": \"" + password + "\"}")
                .post("/api/users").then().statusCode(201);
        cleanup.add(0, "/api/users/" + user);
        RequestSpecification holder = TestAccounts.as(Vireo.BASE, user, password);
        String hostname = holder.post(V1 + "/vm/" + poolA).then().statusCode(200).extract().path("'" + poolA + "'.hostname");
        // handed over: the holder sees the VM in Vireo's own API as well, shared with it
        await().atMost(FILL).untilAsserted(() -> holder.get("/api/vms/" + hostname).then().statusCode(200)
                .body("users", contains(user)));

        // the test driver cannot hot-plug a disk (virDomainAttachDeviceFlags): the task fails with the host's
        // refusal and leaves no volume behind; real QEMU takes it (the success path is the real-hypervisor suite's)
        String task = holder.post(V1 + "/vm/" + hostname + "/disk/8").then().statusCode(202).body("ok", equalTo(true))
                .body("'" + hostname + "'.disk", equalTo("+8gb")).extract().header("Location");
        await().atMost(Duration.ofSeconds(60)).until(() -> !"running".equals(api().get(task).then().extract().path("status")));
        api().get(task).then().body("status", equalTo("failed")).body("message", org.hamcrest.Matchers.containsString("HOST0002E"));
        String extra = VmPoolIT.VOLUMES + "/" + hostname + "-extra1";
        api().get(extra).then().statusCode(404);
        api().get("/api/vms/" + hostname + "/storages").then().statusCode(200).body("findAll { it.type == 'disk' }", hasSize(1));
        holder.get(V1 + "/vm/" + hostname).then().statusCode(200).body("'" + hostname + "'", not(hasKey("disk")));

        String snapshot = holder.post(V1 + "/vm/" + hostname + "/snapshot").then().statusCode(202).body("ok", equalTo(true))
                .extract().path("'" + hostname + "'.snapshot");
        assertThat(snapshot).matches("[a-z][a-z0-9]{31}");
        api().get("/api/vms/" + hostname + "/snapshots").then().statusCode(200).body("name", hasItems(snapshot));
        holder.get(V1 + "/vm/" + hostname).then().body("'" + hostname + "'.snapshots", contains(snapshot));
        awaitFinished(holder.post(V1 + "/vm/" + hostname + "/snapshot/" + snapshot).then().statusCode(202)
                .body("ok", equalTo(true)).extract().header("Location"));
        api().get("/api/vms/" + hostname + "/snapshots/current").then().statusCode(200).body("name", equalTo(snapshot));

        // bad input: 404 as vmpooler answers, and nothing changes
        for (String size : List.of("0", "eight", "-1", "16385", "1.5", "99999999999")) {
            holder.post(V1 + "/vm/" + hostname + "/disk/" + size).then().statusCode(404).body("ok", equalTo(false))
                    .body("code", equalTo("VMP0009E"));
        }
        holder.post(V1 + "/vm/" + hostname + "/snapshot/no-such-snapshot").then().statusCode(404).body("ok", equalTo(false));
        holder.post(V1 + "/vm/" + hostname + "/snapshot/" + "x".repeat(300)).then().statusCode(400);
        holder.post(V1 + "/vm/no-such-vm-" + suffix + "/disk/1").then().statusCode(404).body("code", equalTo("VMP0005E"));
        Vireo.anonymous().post(V1 + "/vm/" + hostname + "/snapshot").then().statusCode(401);
        api().get("/api/vms/" + hostname + "/storages").then().body("findAll { it.type == 'disk' }", hasSize(1));
        api().get("/api/vms/" + hostname + "/snapshots").then().body("$", hasSize(1));

        // given back: the VM goes
        holder.delete(V1 + "/vm/" + hostname).then().statusCode(200);
        await().atMost(FILL).untilAsserted(() -> api().get("/api/vms/" + hostname).then().statusCode(404));
    }

    private static void awaitFinished(String taskLocation) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !"running".equals(api().get(taskLocation).then().extract().path("status")));
        api().get(taskLocation).then().body("status", equalTo("finished"));
    }

    @Test
    void onDemandVmsAreClonedForTheCallerAndHandedOverWhenAllRun() throws SQLException {
        String alias = "vpa-alias-" + suffix;
        String requestId = withToken().contentType(ContentType.JSON).body("{\"" + poolB + "\": \"2\", \"" + alias + "\": 1}")
                .post(V1 + "/ondemandvm").then().statusCode(201).body("ok", equalTo(true)).extract().path("request_id");
        io.restassured.response.Response first = withToken().get(V1 + "/ondemandvm/" + requestId);
        if (first.statusCode() == 202) {
            first.then().body("ready", equalTo(false)).body("request_id", equalTo(requestId))
                    .body("'" + poolB + "'.keySet()", contains("ready", "pending"));
        } else {
            first.then().statusCode(200);
        }
        await().atMost(FILL).until(() -> withToken().get(V1 + "/ondemandvm/" + requestId).statusCode() == 200);
        io.restassured.path.json.JsonPath done = withToken().get(V1 + "/ondemandvm/" + requestId).then().statusCode(200)
                .body("ok", equalTo(true)).body("ready", equalTo(true)).extract().jsonPath();
        List<String> ofB = done.getList("'" + poolB + "'.hostname");
        List<String> ofA = done.getList("'" + alias + "'.hostname");
        assertThat(ofB).hasSize(2);
        assertThat(ofA).hasSize(1);
        List<String> all = new ArrayList<>(ofB);
        all.addAll(ofA);
        for (String hostname : all) {
            withToken().get(V1 + "/vm/" + hostname).then().statusCode(200).body("'" + hostname + "'.state", equalTo("running"));
            api().get("/api/vms/" + hostname).then().statusCode(200).body("state", equalTo("running"));
        }
        try (Connection db = Vireo.database()) {
            assertThat(VmPoolIT.count(db, "select count(*) from pool_vm v join ondemand_request r on v.request_id = r.id"
                    + " where r.request_id = ? and v.state = 'RUNNING' and v.owner = 'admin'", requestId)).isEqualTo(3);
        }
        // the pools' own ready VMs were not taken: each is still full
        VmPoolIT.awaitReady(poolB, 1);
        VmPoolIT.awaitReady(poolA, 3);

        // refusals change nothing
        int requests;
        try (Connection db = Vireo.database()) {
            requests = VmPoolIT.count(db, "select count(*) from ondemand_request");
        }
        withToken().contentType(ContentType.JSON).body("{\"" + poolB + "\": 1, \"request_id\": \"" + requestId + "\"}")
                .post(V1 + "/ondemandvm").then().statusCode(409).body("ok", equalTo(false)).body("code", equalTo("VMP0016E"));
        withToken().contentType(ContentType.JSON).body("{\"no-such-" + suffix + "\": 1}").post(V1 + "/ondemandvm").then()
                .statusCode(404).body("code", equalTo("VMP0001E"));
        withToken().contentType(ContentType.JSON).body("{\"" + poolB + "\": 11}").post(V1 + "/ondemandvm").then()
                .statusCode(403).body("ok", equalTo(false)).body("code", equalTo("VMP0015E"));
        for (String bad : List.of("{", "[1]", "{}", "{\"" + poolB + "\": \"two\"}", "{\"" + poolB + "\": 0}",
                "{\"" + poolB + "\": 1, \"request_id\": \"a/b\"}", "{\"" + poolB + "\": 1, \"request_id\": 7}",
                "{\"" + poolB + "\": 1, \"request_id\": \"" + "r".repeat(65) + "\"}")) {
            withToken().contentType(ContentType.JSON).body(bad).post(V1 + "/ondemandvm").then().statusCode(400)
                    .body("ok", equalTo(false));
        }
        try (Connection db = Vireo.database()) {
            assertThat(VmPoolIT.count(db, "select count(*) from ondemand_request")).isEqualTo(requests);
        }
        withToken().get(V1 + "/ondemandvm/no-such-request").then().statusCode(404).body("code", equalTo("VMP0017E"));
        withToken().delete(V1 + "/ondemandvm/no-such-request").then().statusCode(404);
        Vireo.anonymous().get(V1 + "/ondemandvm/" + requestId).then().statusCode(401);

        // deleted: its VMs go, the request says so
        withToken().delete(V1 + "/ondemandvm/" + requestId).then().statusCode(200).body("ok", equalTo(true))
                .body("$", not(hasKey("message")));
        withToken().delete(V1 + "/ondemandvm/" + requestId).then().statusCode(200)
                .body("message", equalTo("The request has already been deleted"));
        withToken().get(V1 + "/ondemandvm/" + requestId).then().statusCode(200).body("ready", equalTo(false))
                .body("message", equalTo("The request has been deleted"));
        await().atMost(FILL).untilAsserted(() -> all.forEach(hostname -> api().get("/api/vms/" + hostname).then().statusCode(404)));
        try (Connection db = Vireo.database()) {
            assertThat(VmPoolIT.count(db, "select count(*) from pool_vm v join ondemand_request r on v.request_id = r.id"
                    + " where r.request_id = ?", requestId)).isZero();
        }
    }
}
