package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static dev.vireo.it.ZoneFixture.ended;
import static dev.vireo.it.ZoneFixture.finished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * VMs moved between the zone's hosts (private test-driver files): cold migration with the disk,
 * the refusals, evacuation of a host, Nano's migrations, and two operations on one VM at once.
 * The test driver cannot migrate a running VM: live migration is proven in RealHypervisorIT.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ZoneMigrationIT {

    @RegisterExtension
    final ZoneFixture zone = new ZoneFixture("zm-", "zmt-");

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void aShutOffVmMovesColdWithItsDiskAndLeavesTheSource() throws IOException {
        String a = zone.register("a", new TestDriverHost());
        String b = zone.register("b", new TestDriverHost());
        String vm = "cold-" + zone.suffix();
        finished(create(vm, a));
        JsonPath disk = api().get("/api/vms/" + vm + "/storages").then().statusCode(200).extract().jsonPath();
        String volume = disk.getString("find { it.type == 'disk' }.vol");
        String path = disk.getString("find { it.type == 'disk' }.path");
        String uuid = api().get("/api/vms/" + vm).then().extract().path("uuid");

        String message = finished(migrate(vm, "{\"host\": \"" + b + "\"}"));
        assertThat(message).startsWith("cold migration of " + vm + " from " + a + " to " + b).endsWith("done");

        api().get("/api/vms/" + vm).then().statusCode(200).body("host", equalTo(b)).body("state", equalTo("shutoff"))
                .body("uuid", equalTo(uuid));
        api().get("/api/vms?host=" + a).then().statusCode(200).body("name", not(hasItem(vm)));
        api().get("/api/vms?host=" + b).then().statusCode(200).body("name", hasItem(vm));
        // the disk is a volume of the destination's pool, at the same path
        api().get("/api/vms/" + vm + "/storages").then().statusCode(200)
                .body("find { it.type == 'disk' }.pool", equalTo("default-pool"))
                .body("find { it.type == 'disk' }.vol", equalTo(volume))
                .body("find { it.type == 'disk' }.path", equalTo(path))
                .body("find { it.type == 'disk' }.capacity", equalTo(1024 * 1024 * 1024));

        // and back: the source's copy of the volume went, or the move back would find it in the way (ZONE0022E)
        assertThat(finished(migrate(vm, "{\"host\": \"" + a + "\"}"))).startsWith("cold migration of " + vm + " from " + b);
        api().get("/api/vms/" + vm).then().body("host", equalTo(a));
        api().get("/api/vms?host=" + b).then().body("name", not(hasItem(vm)));
        api().delete("/api/vms/" + vm).then().statusCode(204);
    }

    @Test
    void refusalsNameWhyAndMoveNothing() throws IOException {
        String a = zone.register("a", new TestDriverHost().domain("run-" + zone.suffix(), 512, 1));
        String off = zone.register("off", new TestDriverHost());
        String full = zone.register("full", new TestDriverHost().memoryMiB(2048).domain("busy-" + zone.suffix(), 1536, 1));
        String bare = zone.register("bare", new TestDriverHost(), false);
        String vm = "stay-" + zone.suffix();
        finished(create(vm, a));
        api().contentType(ContentType.JSON).body("{\"enabled\": false}").put("/api/hosts/" + off).then().statusCode(200);

        migrate(vm, "{\"host\": \"nowhere\"}").statusCode(404).body("code", equalTo("ZONE0001E"));
        migrate(vm, "{\"host\": \"no/such\"}").statusCode(400).body("code", equalTo("NAME0001E"));
        migrate(vm, "{\"host\": \"" + a + "\"}").statusCode(409).body("code", equalTo("ZONE0020E"))
                .body("reason", containsString("already on host " + a));
        migrate(vm, "{\"host\": \"" + off + "\"}").statusCode(409).body("code", equalTo("ZONE0012E"))
                .body("reason", containsString(off + ": disabled"));
        migrate(vm, "{\"host\": \"" + full + "\"}").statusCode(409).body("code", equalTo("ZONE0012E"))
                .body("reason", containsString(full + ": memory short by 512 MiB"));
        migrate(vm, "{\"host\": \"" + bare + "\"}").statusCode(409).body("code", equalTo("ZONE0013E"))
                .body("reason", allOf(containsString(bare), containsString("storage pool default-pool")));
        migrate(vm, "{\"host\": \"" + bare + "\", \"remote_host\": \"qemu+ssh://elsewhere/system\"}").statusCode(400)
                .body("code", equalTo("ZONE0025E"));
        // the test driver cannot move a running VM: said before any task starts
        api().post("/api/vms/" + vm + "/start").then().statusCode(200);
        migrate(vm, "{\"host\": \"" + bare + "\"}").statusCode(409).body("code", equalTo("ZONE0021E"))
                .body("reason", allOf(containsString(vm), containsString("cold migration")));
        migrate("run-" + zone.suffix(), "{\"host\": \"" + off + "\"}").statusCode(409).body("code", equalTo("ZONE0012E"));
        // Kimchi's form still goes to a libvirt URI Vireo does not manage
        api().contentType(ContentType.JSON).body("{\"remote_host\": \"bad host!\"}")
                .post("/plugins/kimchi/vms/" + vm + "/migrate").then().statusCode(400).body("code", equalTo("VMS0018E"));

        api().get("/api/vms/" + vm).then().statusCode(200).body("host", equalTo(a)).body("state", equalTo("running"));
        for (String other : List.of(off, full, bare)) {
            api().get("/api/vms?host=" + other).then().statusCode(200).body("name", not(hasItem(vm)));
        }
        api().delete("/api/vms/" + vm).then().statusCode(204);
    }

    @Test
    void evacuationDisablesTheHostAndMovesEveryVmItCanReportingEach() throws IOException {
        String source = zone.register("src", new TestDriverHost().domain("pinned-" + zone.suffix(), 256, 1));
        String left = zone.register("left", new TestDriverHost());
        String right = zone.register("right", new TestDriverHost().memoryMiB(4096));
        List<String> vms = List.of("ev1-" + zone.suffix(), "ev2-" + zone.suffix(), "ev3-" + zone.suffix());
        for (String vm : vms) {
            finished(create(vm, source));
        }

        String id = api().post("/api/hosts/" + source + "/evacuate").then().statusCode(202).extract().path("id");
        api().get("/api/hosts/" + source).then().body("enabled", equalTo(false));
        JsonPath task = ended(id);
        // the running test-driver domain cannot move; the others did all the same
        assertThat(task.getString("status")).isEqualTo("failed");
        assertThat(task.getString("message")).startsWith("ZONE0028E: evacuation of host " + source + ": 3 of 4 virtual machines moved")
                .contains("pinned-" + zone.suffix() + ": not moved, ZONE0021E");
        for (String vm : vms) {
            assertThat(task.getString("message")).contains(vm + ": cold to ");
            String host = api().get("/api/vms/" + vm).then().statusCode(200).extract().path("host");
            assertThat(host).isIn(left, right);
        }
        api().get("/api/vms?host=" + source).then().body("name", equalTo(List.of("pinned-" + zone.suffix())));
        api().get("/api/hosts/" + source).then().body("enabled", equalTo(false));

        // to a host named; it must not be the evacuated one
        api().post("/api/vms/pinned-" + zone.suffix() + "/poweroff").then().statusCode(200);
        api().contentType(ContentType.JSON).body("{\"to\": \"" + source + "\"}").post("/api/hosts/" + source + "/evacuate")
                .then().statusCode(409).body("code", equalTo("ZONE0020E"));
        api().contentType(ContentType.JSON).body("{\"to\": \"nowhere\"}").post("/api/hosts/" + source + "/evacuate")
                .then().statusCode(404).body("code", equalTo("ZONE0001E"));
        api().contentType(ContentType.JSON).body("{\"where\": \"" + right + "\"}").post("/api/hosts/" + source + "/evacuate")
                .then().statusCode(400).body("code", equalTo("API0003E"));
        JsonPath second = ended(api().contentType(ContentType.JSON).body("{\"to\": \"" + right + "\"}")
                .post("/api/hosts/" + source + "/evacuate").then().statusCode(202).extract().path("id"));
        assertThat(second.getString("status")).as(second.getString("message")).isEqualTo("finished");
        assertThat(second.getString("message")).isEqualTo("evacuation of host " + source
                + ": 1 of 1 virtual machines moved; pinned-" + zone.suffix() + ": cold to " + right);
        api().get("/api/vms/pinned-" + zone.suffix()).then().body("host", equalTo(right));
        api().post("/api/hosts/nowhere/evacuate").then().statusCode(404).body("code", equalTo("ZONE0001E"));
        for (String vm : vms) {
            api().delete("/api/vms/" + vm).then().statusCode(204);
        }
    }

    @Test
    void nanoMigrationsMoveInstancesByUuidAndReportTheirProgress() throws IOException {
        String a = zone.register("na", new TestDriverHost());
        String b = zone.register("nb", new TestDriverHost());
        String vm = "nano-" + zone.suffix();
        finished(create(vm, a));
        String uuid = api().get("/api/vms/" + vm).then().extract().path("uuid");

        String id = api().contentType(ContentType.JSON).body("{\"source_pool\": \"" + zone.pool() + "\", \"source_cell\": \"" + a
                        + "\", \"target_cell\": \"" + b + "\", \"instances\": [\"" + uuid + "\"]}")
                .post("/nano/migrations/").then().statusCode(202).body("error_code", equalTo(0))
                .extract().path("data[0].id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api().get("/nano/migrations/" + id).then()
                .statusCode(200).body("error_code", equalTo(0)).body("data.finished", equalTo(true)));
        assertThat(ended(id).getString("message")).isEqualTo("migration from host " + a + ": 1 of 1 virtual machines moved; "
                + vm + ": cold to " + b);
        api().get("/api/vms/" + vm).then().body("host", equalTo(b));
        api().get("/nano/migrations/").then().statusCode(200).body("error_code", equalTo(0))
                .body("data.id", not(hasItem(id)));

        api().contentType(ContentType.JSON).body("{\"source_cell\": \"" + b + "\", \"instances\": [\"" + UUID.randomUUID() + "\"]}")
                .post("/nano/migrations/").then().statusCode(404).body("error_code", equalTo(404))
                .body("data.code", equalTo("ZONE0027E"));
        api().contentType(ContentType.JSON).body("{\"source_pool\": \"default\", \"source_cell\": \"" + b + "\"}")
                .post("/nano/migrations/").then().statusCode(404).body("data.code", equalTo("ZONE0011E"));
        api().contentType(ContentType.JSON).body("{}").post("/nano/migrations/").then().statusCode(400)
                .body("data.code", equalTo("API0010E"));
        String otherTask = create("not-a-migration-" + zone.suffix(), a).statusCode(202).extract().path("id");
        ended(otherTask);
        api().get("/nano/migrations/" + otherTask).then().statusCode(404).body("data.code", equalTo("ZONE0026E"));
        api().get("/nano/migrations/nothing").then().statusCode(404).body("data.code", equalTo("ZONE0026E"));
        api().delete("/api/vms/not-a-migration-" + zone.suffix()).then().statusCode(204);
        api().delete("/api/vms/" + vm).then().statusCode(204);
    }

    /**
     * Migrations of one VM to two hosts, and its start and a change through its source host's
     * gateway ({@code ?host=}), all at once: each is done or refused with 409 (the VM is locked on
     * its source and its name on the destination, the key holding the host), never a 500; the VM
     * ends on exactly one host, whole.
     */
    @Test
    void operationsOnOneVmThroughDifferentHostsConflictAndItEndsOnOneHost() throws Exception {
        String a = zone.register("ca", new TestDriverHost());
        String b = zone.register("cb", new TestDriverHost());
        String c = zone.register("cc", new TestDriverHost());
        String vm = "race-" + zone.suffix();
        finished(create(vm, a));
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                String from = api().get("/api/vms/" + vm).then().statusCode(200).extract().path("host");
                List<String> others = new ArrayList<>(List.of(a, b, c));
                others.remove(from);
                List<Callable<Response>> calls = List.of(
                        () -> api().contentType(ContentType.JSON).body("{\"host\": \"" + others.get(0) + "\"}")
                                .post("/api/vms/" + vm + "/migrate"),
                        () -> api().contentType(ContentType.JSON).body("{\"host\": \"" + others.get(1) + "\"}")
                                .post("/api/vms/" + vm + "/migrate"),
                        () -> api().contentType(ContentType.JSON).body("{\"title\": \"round " + from + "\"}")
                                .put("/api/vms/" + vm + "?host=" + from),
                        () -> api().contentType(ContentType.JSON).body("{\"name\": \"" + vm + "\", \"template\": "
                                + "\"/api/templates/" + zone.template() + "\", \"host\": \"" + others.get(0) + "\"}")
                                .post("/api/vms"));
                List<Future<Response>> answers = clients.invokeAll(calls);
                List<String> tasks = new ArrayList<>();
                for (Future<Response> answer : answers) {
                    Response response = answer.get();
                    assertThat(response.statusCode()).as(response.asString()).isIn(200, 202, 404, 409);
                    if (response.statusCode() == 409) {
                        assertThat(response.jsonPath().getString("code")).isIn("LOCK0001E", "VMS0006E", "VMS0021E");
                    }
                    if (response.statusCode() == 202) {
                        tasks.add(response.jsonPath().getString("id"));
                    }
                }
                tasks.forEach(ZoneFixture::ended);
                JsonPath all = api().get("/api/vms").then().statusCode(200).extract().jsonPath();
                assertThat(all.getList("findAll { it.name == '" + vm + "' }.host")).as("round %d", round).hasSize(1);
                api().get("/api/vms/" + vm + "/storages").then().statusCode(200)
                        .body("find { it.type == 'disk' }.pool", equalTo("default-pool"));
            }
        } finally {
            clients.shutdownNow();
        }
        api().delete("/api/vms/" + vm).then().statusCode(204);
    }

    private ValidatableResponse create(String name, String host) {
        return zone.createVm(name, "\"host\": \"" + host + "\"");
    }

    private static ValidatableResponse migrate(String vm, String body) {
        return api().contentType(ContentType.JSON).body(body).post("/api/vms/" + vm + "/migrate").then();
    }
}
