package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Nano's guests, instances and batches over a compute pool of two private test-driver cells:
 * guests made from a spec land on the cell with the most free memory, with the cores, memory and
 * disks asked for, in the pool's storage; they start, stop and are deleted by UUID; batches report
 * each item, a failed item never stopping the others.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NanoGuestsIT {

    /** vireo.cli's vireo-tasks executor never runs more than 16 tasks at once (max-threads). */
    private static final int EXECUTOR_THREADS = 16;
    private static final String NO_SUCH_GUEST = "00000000-0000-0000-0000-000000000000";

    private String suffix;
    private String pool;
    private String storage;
    private String roomy;
    private String small;
    private Path dir;
    private final List<String> hosts = new ArrayList<>();
    private final List<String> vms = new ArrayList<>();

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.earWithTaskProbe();
    }

    @BeforeEach
    void aPoolOfTwoCells() throws IOException {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        pool = "ng-" + suffix;
        storage = "ngs-" + suffix;
        dir = Files.createTempDirectory("vireo-nano-guests-");
        api().contentType(ContentType.JSON).body("{\"name\": \"" + pool + "\", \"storage\": \"" + storage + "\"}")
                .post("/api/computepools").then().statusCode(201);
        roomy = register("roomy", 16384);
        small = register("small", 4096);
    }

    @AfterEach
    void forgetTheZone() {
        for (String vm : vms) {
            api().post("/api/vms/" + vm + "/poweroff");
            api().delete("/api/vms/" + vm);
        }
        hosts.forEach(host -> api().delete("/api/hosts/" + host));
        api().delete("/api/computepools/" + pool);
    }

    @Test
    void aNanoGuestIsPlacedMadeStartedStoppedAndDeleted() {
        String name = "guest-" + suffix;
        vms.add(name);
        String id = api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"owner\": \"admin\", "
                        + "\"group\": \"admins\", \"pool\": \"" + pool + "\", \"cores\": 2, \"memory\": 1536, "
                        + "\"disks\": [2048, 512], \"auto_start\": true, \"system\": \"linux\", \"system_version\": \"centos7\"}")
                .post("/nano/guests/").then().statusCode(202).body("error_code", equalTo(0))
                .extract().path("data.id");
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        String message = finishedTaskOf(name);
        assertThat(message).isEqualTo("created virtual machine " + name + ": placed on " + roomy
                + " (most free memory: 16,384 MiB)");

        // libvirt on the roomy cell holds it, as asked
        api().get("/api/vms/" + name).then().statusCode(200).body("host", equalTo(roomy)).body("uuid", equalTo(id))
                .body("cpu_info.vcpus", equalTo(2)).body("memory.current", equalTo(1536))
                .body("autostart", equalTo(true)).body("state", equalTo("shutoff"))
                .body("groups", equalTo(List.of("admins")));
        api().get("/api/vms?host=" + small).then().body("name", not(hasItem(name)));
        JsonPath status = api().get("/nano/instances/" + id).then().statusCode(200).body("error_code", equalTo(0))
                .extract().jsonPath();
        assertThat(status.getString("data.name")).isEqualTo(name);
        assertThat(status.getString("data.cell")).isEqualTo(roomy);
        assertThat(status.getString("data.pool")).isEqualTo(pool);
        assertThat(status.getInt("data.cores")).isEqualTo(2);
        assertThat(status.getInt("data.memory")).isEqualTo(1536);
        assertThat(status.getList("data.disks", Integer.class)).containsExactly(2048, 512);
        assertThat(status.getInt("data.total_disk")).isEqualTo(2560);
        assertThat(status.getBoolean("data.running")).isFalse();
        assertThat(status.getBoolean("data.auto_start")).isTrue();
        assertThat(status.getString("data.owner")).isEqualTo("admin");
        assertThat(status.getString("data.group")).isEqualTo("admins");
        // the disks are volumes of the pool's storage on the cell, named after the VM's UUID
        api().get("/api/vms/" + name + "/storages").then().statusCode(200)
                .body("path", hasItem("/" + storage + "/" + id + "-0.img"))
                .body("path", hasItem("/" + storage + "/" + id + "-1.img"));

        // no media in its drive: nothing to boot from (NanoGuestOpsIT boots from media)
        api().contentType(ContentType.JSON).body("{\"from_media\": true}").post("/nano/instances/" + id).then()
                .statusCode(409).body("data.code", equalTo("GOP0006E"));
        api().post("/nano/instances/" + id).then().statusCode(200).body("data.running", equalTo(true));
        api().get("/api/vms/" + name).then().body("state", equalTo("running"));
        api().post("/nano/instances/" + id).then().statusCode(409).body("data.code", equalTo("VMS0005E"));

        api().contentType(ContentType.JSON).body("{}").delete("/nano/guests/" + id).then().statusCode(409)
                .body("error_code", equalTo(409)).body("data.code", equalTo("NANO0002E"));
        api().get("/api/vms/" + name).then().statusCode(200);

        api().contentType(ContentType.JSON).body("{\"reboot\": true}").delete("/nano/instances/" + id).then()
                .statusCode(200).body("data.running", equalTo(true));
        api().contentType(ContentType.JSON).body("{\"force\": true}").delete("/nano/instances/" + id).then()
                .statusCode(200).body("data.running", equalTo(false));
        api().get("/api/vms/" + name).then().body("state", equalTo("shutoff"));
        api().delete("/nano/guests/" + id).then().statusCode(200).body("error_code", equalTo(0));
        api().get("/api/vms/" + name).then().statusCode(404);
        api().get("/nano/instances/" + id).then().statusCode(404).body("data.code", equalTo("NANO0001E"));
    }

    @Test
    void aRunningGuestIsDeletedWithForceAndItsVolumesGo() {
        String name = "forced-" + suffix;
        vms.add(name);
        String id = api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"pool\": \"" + pool + "\", "
                        + "\"cores\": 1, \"memory\": 512, \"disks\": [1024], \"auto_start\": false}")
                .post("/nano/guests/").then().statusCode(202).extract().path("data.id");
        finishedTaskOf(name);
        api().post("/nano/instances/" + id).then().statusCode(200);
        api().contentType(ContentType.JSON).body("{\"force\": true}").delete("/nano/guests/" + id).then().statusCode(200);
        api().get("/api/vms/" + name).then().statusCode(404);
        // the name and the room are free again: the same guest can be made anew
        String again = api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"pool\": \"" + pool
                        + "\", \"cores\": 1, \"memory\": 512, \"disks\": [1024], \"auto_start\": false}")
                .post("/nano/guests/").then().statusCode(202).extract().path("data.id");
        assertThat(again).isNotEqualTo(id);
        finishedTaskOf(name);
    }

    @Test
    void theNativeApiMakesAVmFromASpec() {
        String name = "spec-" + suffix;
        vms.add(name);
        String task = api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"computepool\": \"" + pool
                        + "\", \"spec\": {\"cpus\": 3, \"memory\": 768, \"disks\": [1024], \"os_distro\": \"linux\"}}")
                .post("/api/vms").then().log().ifValidationFails().statusCode(202).body("status", equalTo("running"))
                .body("target_uri", equalTo("/api/vms/" + name)).extract().path("id");
        awaitTask(task, "finished");
        api().get("/api/vms/" + name).then().statusCode(200).body("host", equalTo(roomy))
                .body("cpu_info.vcpus", equalTo(3)).body("memory.current", equalTo(768)).body("autostart", equalTo(false));

        api().contentType(ContentType.JSON).body("{\"name\": \"x-" + suffix + "\", \"template\": \"/api/templates/t\", "
                + "\"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [1]}}").post("/api/vms").then().statusCode(400)
                .body("code", equalTo("NANO0004E"));
        api().contentType(ContentType.JSON).body("{\"computepool\": \"" + pool + "\", "
                + "\"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [1]}}").post("/api/vms").then().statusCode(400)
                .body("code", equalTo("API0010E")).body("reason", containsString("name"));
        api().contentType(ContentType.JSON).body("{\"name\": \"x-" + suffix + "\", \"computepool\": \"" + pool + "\", "
                + "\"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [1], \"from_image\": \"img\"}}").post("/api/vms")
                .then().statusCode(404).body("code", equalTo("IMG0001E")).body("reason", containsString("img"));
        api().contentType(ContentType.JSON).body("{\"name\": \"x-" + suffix + "\", \"computepool\": \"" + pool + "\", "
                + "\"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [1], \"colour\": \"red\"}}").post("/api/vms")
                .then().statusCode(400).body("reason", containsString("colour"));
        api().get("/api/vms/x-" + suffix).then().statusCode(404);
    }

    @Test
    void aBatchCreatesEveryGuestItCanReportsTheOneTakenAndIsDeletedAsABatch() {
        String prefix = "b" + suffix;
        for (int i = 0; i < 10; i++) {
            vms.add(prefix + "_" + i);
        }
        // the fourth name is taken already: that item fails, the nine others are made
        String taken = prefix + "_3";
        api().contentType(ContentType.JSON).body("{\"name\": \"" + taken + "\", \"pool\": \"" + pool + "\", "
                        + "\"cores\": 1, \"memory\": 256, \"disks\": [64], \"auto_start\": false}")
                .post("/nano/guests/").then().statusCode(202);
        finishedTaskOf(taken);

        long started = System.nanoTime();
        String batch = api().contentType(ContentType.JSON).body("{\"name_rule\": \"order\", \"name_prefix\": \"" + prefix
                        + "\", \"owner\": \"admin\", \"group\": \"admins\", \"pool\": \"" + pool + "\", \"count\": 10, "
                        + "\"cores\": 1, \"memory\": 256, \"disks\": [64, 32], \"auto_start\": false}")
                .post("/nano/batch/create_guest").then().statusCode(202).body("error_code", equalTo(0))
                .extract().path("data.id");

        // read at once: every item is there, the taken one failed, the others under way or made
        Response first = api().get("/nano/batch/create_guest/" + batch);
        assertThat(first.statusCode()).isIn(200, 202);
        List<Map<String, Object>> items = first.jsonPath().getList("data");
        assertThat(items).hasSize(10);
        for (int i = 0; i < 10; i++) {
            Map<String, Object> item = items.get(i);
            assertThat(item.get("name")).isEqualTo(prefix + "_" + i);
            if (i == 3) {
                assertThat(item.get("status")).isEqualTo("fail");
                assertThat((String) item.get("error")).contains("VMS0006E").contains(taken);
            } else {
                assertThat(item.get("status")).as(item.toString()).isIn("creating", "created");
                assertThat(item.get("id")).isNotNull();
            }
        }

        JsonPath done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api().get("/nano/batch/create_guest/" + batch), answer -> answer.statusCode() == 200)
                .jsonPath();
        // a figure for the report, never a verdict
        System.out.printf("NanoGuestsIT: a batch of 10 guests (one refused) ended %d ms after it was asked for%n",
                (System.nanoTime() - started) / 1_000_000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String status = done.getString("data[" + i + "].status");
            if (i == 3) {
                assertThat(status).isEqualTo("fail");
                continue;
            }
            assertThat(status).as(done.getString("data[" + i + "].error")).isEqualTo("created");
            ids.add(done.getString("data[" + i + "].id"));
        }
        // each made guest is on a cell of the pool, as specified; the native batch says the same
        List<String> onCells = new ArrayList<>();
        onCells.addAll(api().get("/api/vms?host=" + roomy).jsonPath().getList("name", String.class));
        onCells.addAll(api().get("/api/vms?host=" + small).jsonPath().getList("name", String.class));
        for (int i = 0; i < 10; i++) {
            assertThat(onCells).contains(prefix + "_" + i);
        }
        api().get("/api/vms/" + prefix + "_7").then().body("cpu_info.vcpus", equalTo(1)).body("memory.current", equalTo(256));
        api().get("/api/batches/" + batch).then().statusCode(200).body("kind", equalTo("create_guest"))
                .body("running", equalTo(false)).body("items[3].status", equalTo("fail"))
                .body("items[0].task", containsString("/api/tasks/"));
        api().get("/nano/batch/delete_guest/" + batch).then().statusCode(404).body("data.code", equalTo("NANO0008E"));

        // one of them runs: without force it stays, and a bogus id fails alone
        api().post("/nano/instances/" + ids.get(0)).then().statusCode(200);
        List<String> targets = new ArrayList<>(ids);
        targets.add("00000000-0000-0000-0000-000000000000");
        String deletion = api().contentType(ContentType.JSON).body("{\"guest\": " + jsonList(targets) + ", \"force\": false}")
                .post("/nano/batch/delete_guest").then().statusCode(202).extract().path("data.id");
        JsonPath deleted = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api().get("/nano/batch/delete_guest/" + deletion), answer -> answer.statusCode() == 200)
                .jsonPath();
        assertThat(deleted.getList("data")).hasSize(10);
        assertThat(deleted.getString("data[0].status")).isEqualTo("fail");
        assertThat(deleted.getString("data[0].error")).contains("NANO0002E");
        for (int i = 1; i < 9; i++) {
            assertThat(deleted.getString("data[" + i + "].id")).isEqualTo(ids.get(i));
            assertThat(deleted.getString("data[" + i + "].status")).as(deleted.getString("data[" + i + "].error"))
                    .isEqualTo("deleted");
        }
        assertThat(deleted.getString("data[9].status")).isEqualTo("fail");
        assertThat(deleted.getString("data[9].error")).contains("NANO0001E");
        // each deletion was a task of its own, audited as the guest's deletion
        assertThat(finishedTaskOf(prefix + "_1")).isEqualTo("deleted " + prefix + "_1");
        List<String> left = api().get("/api/vms").jsonPath().getList("name", String.class);
        assertThat(left).contains(prefix + "_0", taken).doesNotContain(prefix + "_1", prefix + "_9");

        // natively, with force: the running one goes too
        String forced = api().contentType(ContentType.JSON)
                .body("{\"guests\": " + jsonList(List.of(ids.get(0))) + ", \"force\": true}")
                .post("/api/batches/delete_guest").then().statusCode(202)
                .header("Location", containsString("/api/batches/"))
                .body("kind", equalTo("delete_guest"))
                .body("items[0].status", anyOf(equalTo("pending"), equalTo("deleting"), equalTo("deleted")))
                .extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                api().get("/api/batches/" + forced).then().statusCode(200).body("running", equalTo(false))
                        .body("items[0].status", equalTo("deleted")));
        api().get("/api/vms/" + prefix + "_0").then().statusCode(404);
    }

    @Test
    void aBatchDeletionAnswersBeforeItDeletesThenEachGuestGoesFromItsCellAndOnlyTheCallersOwn() throws Exception {
        String onRoomy = "dr-" + suffix;
        String onSmall = "ds-" + suffix;
        String running = "dx-" + suffix;
        String roomyId = vmOn(onRoomy, roomy);
        String smallId = vmOn(onSmall, small);
        String runningId = vmOn(running, small);
        api().post("/nano/instances/" + runningId).then().statusCode(200);

        // a user who may manage VMs, but none of these: every item is refused at once, nothing goes
        String user = "bd" + suffix;
        String password = "pw-" + user + "-batch";
        api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + user + "\", \"password\": \"" + password + "\", \"groups\": [\"users\"]}")
                .post("/api/users").then().statusCode(201);
        JsonPath refused = TestAccounts.as(Vireo.BASE, user, password).contentType(ContentType.JSON)
                .body("{\"guests\": " + jsonList(List.of(roomyId, smallId, runningId)) + ", \"force\": true}")
                .post("/api/batches/delete_guest").then().statusCode(202).body("owner", equalTo(user))
                .body("running", equalTo(false)).extract().jsonPath();
        for (int i = 0; i < 3; i++) {
            assertThat(refused.getString("items[" + i + "].status")).isEqualTo("fail");
            assertThat(refused.getString("items[" + i + "].error")).startsWith("NANO0001E");
        }
        TestAccounts.as(Vireo.BASE, user, password).get("/nano/batch/delete_guest/" + refused.getString("id")).then()
                .statusCode(200);
        assertThat(namesOn(roomy)).contains(onRoomy);
        assertThat(namesOn(small)).contains(onSmall, running);

        // every thread of the task executor held: the deletions can only wait, so the answer comes first
        List<String> holds = new ArrayList<>();
        try {
            for (int i = 0; i < EXECUTOR_THREADS; i++) {
                String target = "/probe/batch-hold-" + suffix + "-" + i;
                Vireo.probe().queryParam("target", target).queryParam("steps", 1).post("/tasks").then().statusCode(200);
                holds.add(target);
            }
            String batch = api().contentType(ContentType.JSON)
                    .body("{\"guests\": " + jsonList(List.of(roomyId, smallId, runningId, NO_SUCH_GUEST)) + "}")
                    .post("/api/batches/delete_guest").then().statusCode(202)
                    .header("Location", containsString("/api/batches/")).body("running", equalTo(true))
                    .body("items[0].status", equalTo("pending")).body("items[1].status", equalTo("pending"))
                    .body("items[2].status", equalTo("fail")).body("items[2].error", startsWith("NANO0002E"))
                    .body("items[3].status", equalTo("fail")).body("items[3].error", startsWith("NANO0001E"))
                    .extract().path("id");
            api().get("/nano/batch/delete_guest/" + batch).then().statusCode(202)
                    .body("data[0].status", equalTo("pending")).body("data[0].id", equalTo(roomyId));
            assertThat(namesOn(roomy)).contains(onRoomy);
            assertThat(namesOn(small)).contains(onSmall);
            // the VMs are locked for their deletion while it waits
            api().post("/api/vms/" + onRoomy + "/start").then().statusCode(409).body("code", equalTo("LOCK0001E"));

            holds.forEach(NanoGuestsIT::release);
            holds.clear();
            JsonPath done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> api().get("/nano/batch/delete_guest/" + batch), answer -> answer.statusCode() == 200)
                    .jsonPath();
            assertThat(done.getString("data[0].status")).as(done.getString("data[0].error")).isEqualTo("deleted");
            assertThat(done.getString("data[1].status")).as(done.getString("data[1].error")).isEqualTo("deleted");
            assertThat(done.getString("data[2].status")).isEqualTo("fail");
            assertThat(done.getString("data[3].status")).isEqualTo("fail");
        } finally {
            holds.forEach(NanoGuestsIT::release);
        }
        assertThat(namesOn(roomy)).doesNotContain(onRoomy);
        assertThat(namesOn(small)).doesNotContain(onSmall).contains(running);
        api().get("/nano/instances/" + roomyId).then().statusCode(404);
        api().get("/api/batches/" + refused.getString("id")).then().statusCode(200).body("owner", equalTo(user));
    }

    @Test
    void badBatchesAndGuestsAreRefusedBeforeAnythingIsMade() {
        String prefix = "bad" + suffix;
        String base = "\"pool\": \"" + pool + "\", \"cores\": 1, \"memory\": 256, \"disks\": [64], \"auto_start\": false";
        refusedNano("/nano/batch/create_guest", "{\"name_rule\": \"MAC\", \"name_prefix\": \"" + prefix + "\", \"count\": 2, "
                + base + "}", 400, "NANO0006E");
        refusedNano("/nano/batch/create_guest", "{\"name_prefix\": \"" + prefix + "\", \"count\": -1, " + base + "}", 400,
                "NANO0007E");
        refusedNano("/nano/batch/create_guest", "{\"name_prefix\": \"" + prefix + "\", \"count\": 100000, " + base + "}", 400,
                "NANO0007E");
        refusedNano("/nano/batch/create_guest", "{\"name_prefix\": \"" + prefix + "\", \"count\": \"two\", " + base + "}", 400,
                "API0002E");
        refusedNano("/nano/batch/create_guest", "{\"name_prefix\": \"" + prefix + "\", \"count\": 2, \"cloud_init\": {}, "
                + base + "}", 400, "NANO0003E");
        refusedNano("/nano/guests/", "{\"name\": \"" + prefix + "\", \"network_address\": \"10.0.0.2\", " + base + "}", 400,
                "NANO0003E");
        refusedNano("/nano/guests/", "{\"name\": \"" + prefix + "\", \"from_image\": \"centos\", " + base + "}", 404,
                "IMG0001E");
        refusedNano("/nano/guests/", "{\"name\": \"" + prefix + "\", \"pool\": \"" + pool + "\", \"cores\": 99999999, "
                + "\"memory\": 256, \"disks\": [64]}", 400, "API0002E");
        refusedNano("/nano/guests/", "{\"name\": \"" + prefix + "\", \"pool\": \"" + pool + "\", \"cores\": 1, "
                + "\"memory\": 256, \"disks\": [0]}", 400, "API0002E");
        refusedNano("/nano/guests/", "{\"name\": \"" + prefix + "\", \"pool\": \"" + pool + "\", \"cores\": 1, "
                + "\"memory\": 256, \"disks\": [9223372036854775807]}", 400, "API0002E");
        refusedNano("/nano/guests/", "{\"name\": \"" + prefix + "\", \"pool\": \"" + pool + "\", \"cores\": 1, "
                + "\"memory\": 256, \"disks\": []}", 400, "API0002E");
        refusedNano("/nano/guests/", "{\"name\": \"" + prefix + "\", \"pool\": \"" + pool + "\", \"cores\": 1, "
                + "\"memory\": 1048576, \"disks\": [64]}", 409, "ZONE0012E");
        refusedNano("/nano/batch/delete_guest", "{\"guest\": \"one\"}", 400, "API0002E");
        api().contentType(ContentType.JSON).body("{\"count\": 1, \"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [1]}, "
                + "\"colour\": 1}").post("/api/batches/create_guest").then().statusCode(400)
                .body("reason", containsString("colour"));
        api().get("/api/batches/nope").then().statusCode(404).body("code", equalTo("NANO0005E"));
        api().get("/nano/instances/not-a-uuid").then().statusCode(404).body("data.code", equalTo("NANO0001E"));
        assertThat(api().get("/api/vms").jsonPath().getList("name", String.class))
                .noneMatch(name -> name.startsWith(prefix));
    }

    private static String jsonList(List<String> values) {
        return "[" + String.join(", ", values.stream().map(value -> "\"" + value + "\"").toList()) + "]";
    }

    private static void refusedNano(String path, String body, int status, String code) {
        api().contentType(ContentType.JSON).body(body).post(path).then().statusCode(status)
                .body("error_code", equalTo(status)).body("data.code", equalTo(code));
    }

    /** Registers a test-driver cell with the pool's storage in the test's compute pool, once connected. */
    private String register(String role, long memoryMiB) throws IOException {
        String name = role + "-" + suffix;
        String uri = new TestDriverHost().memoryMiB(memoryMiB).cpus(8).pool(storage)
                .writeTo(dir.resolve(name + ".xml"));
        api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"uri\": \"" + uri + "\", \"pool\": \"" + pool + "\"}")
                .post("/api/hosts").then().statusCode(201);
        hosts.add(name);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                api().get("/api/hosts/" + name).then().body("state", equalTo("connected")));
        return name;
    }

    /** Makes VM {@code name} on cell {@code host}; answers its UUID once made. */
    private String vmOn(String name, String host) {
        vms.add(name);
        String task = api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"host\": \"" + host
                        + "\", \"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [16]}}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        awaitTask(task, "finished");
        return api().get("/api/vms/" + name).then().statusCode(200).body("host", equalTo(host)).extract().path("uuid");
    }

    /** The VMs libvirt has on cell {@code host}. */
    private static List<String> namesOn(String host) {
        return api().get("/api/vms?host=" + host).then().statusCode(200).extract().jsonPath().getList("name", String.class);
    }

    private static void release(String target) {
        Vireo.probe().queryParam("target", target).post("/tasks/release").then().statusCode(204);
    }

    /** The message of the newest task making {@code vm}, once it finished. */
    private static String finishedTaskOf(String vm) {
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/api/tasks?target_uri=/api/vms/" + vm)
                .jsonPath().getString("[0].id"), found -> found != null);
        return awaitTask(id, "finished");
    }

    private static String awaitTask(String id, String status) {
        JsonPath task = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/api/tasks/" + id).then().extract().jsonPath(),
                        t -> !"running".equals(t.getString("status")));
        assertThat(task.getString("status")).as(task.getString("message")).isEqualTo(status);
        return task.getString("message");
    }
}
