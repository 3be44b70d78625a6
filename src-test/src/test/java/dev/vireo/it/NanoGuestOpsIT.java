package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Nano's guest operations (issue 15) on a compute pool of one private test-driver cell: search and
 * details, cores, memory, disk resize and shrink, rename, starting from media, media, snapshots and
 * monitor channels; every change seen in libvirt's domain XML, every refusal leaving it as it was.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NanoGuestOpsIT {

    private static final long MIB = 1024L * 1024;
    private static final String NO_SUCH_GUEST = "00000000-0000-0000-0000-000000000000";
    private static final String MEDIA = "https://media.example.org/install/centos-7.iso";

    private NanoCell zone;
    private String suffix;
    private String pool;
    private String cell;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void aPoolOfOneCell() throws IOException {
        zone = new NanoCell("go");
        suffix = zone.suffix;
        pool = zone.pool;
        cell = zone.cell;
    }

    @AfterEach
    void forgetTheZone() {
        zone.remove();
    }

    @Test
    void guestsAreFoundByEachCriterionAndShownWithTheirPlacementDisksAndMedia() {
        String alpha = guest("alpha-" + suffix, "admins");
        String beta = guest("beta-" + suffix, null);
        api().post("/nano/instances/" + beta).then().statusCode(200);

        assertThat(searchIds("pool=" + pool)).containsExactly(alpha, beta);
        assertThat(searchIds("cell=" + cell)).containsExactly(alpha, beta);
        assertThat(searchIds("pool=" + pool + "&name=alpha")).containsExactly(alpha);
        assertThat(searchIds("pool=" + pool + "&group=admins")).containsExactly(alpha);
        assertThat(searchIds("pool=" + pool + "&owner=admin")).containsExactly(alpha, beta);
        assertThat(searchIds("pool=" + pool + "&owner=nobody-" + suffix)).isEmpty();
        assertThat(searchIds("pool=" + pool + "&status=1")).containsExactly(beta);
        assertThat(searchIds("pool=" + pool + "&status=0")).containsExactly(alpha);
        assertThat(searchIds("pool=" + pool + "&created=true")).containsExactly(alpha, beta);
        assertThat(searchIds("pool=" + pool + "&created=false")).isEmpty();
        // the test driver leases no addresses: no guest holds this one
        assertThat(searchIds("pool=" + pool + "&ip=192.0.2.7")).isEmpty();
        assertThat(searchIds("pool=no-pool-" + suffix)).isEmpty();
        api().get("/nano/guest_search/?pool=" + pool).then().statusCode(200).body("error_code", equalTo(0))
                .body("data[0].name", equalTo("alpha-" + suffix)).body("data[0].cell", equalTo(cell))
                .body("data[0].disks", equalTo(List.of(64, 32))).body("data[0].total_disk", equalTo(96));
        api().get("/nano/guest_search/?status=7").then().statusCode(400).body("data.code", equalTo("API0002E"));
        api().get("/nano/guest_search/?created=maybe").then().statusCode(400).body("data.code", equalTo("API0002E"));

        JsonPath details = api().get("/nano/guests/" + alpha).then().statusCode(200).body("error_code", equalTo(0))
                .extract().jsonPath();
        assertThat(details.getString("data.id")).isEqualTo(alpha);
        assertThat(details.getString("data.name")).isEqualTo("alpha-" + suffix);
        assertThat(details.getString("data.pool")).isEqualTo(pool);
        assertThat(details.getString("data.cell")).isEqualTo(cell);
        assertThat(details.getString("data.owner")).isEqualTo("admin");
        assertThat(details.getString("data.group")).isEqualTo("admins");
        assertThat(details.getInt("data.cores")).isEqualTo(1);
        assertThat(details.getInt("data.memory")).isEqualTo(256);
        assertThat(details.getList("data.disks", Integer.class)).containsExactly(64, 32);
        assertThat(details.getBoolean("data.created")).isTrue();
        assertThat(details.getBoolean("data.running")).isFalse();
        assertThat(details.getBoolean("data.media_attached")).isFalse();
        assertThat(details.getList("data.boot_order", String.class)).isEqualTo(bootOrder("alpha-" + suffix, 2));
        api().get("/nano/guests/" + NO_SUCH_GUEST).then().statusCode(404).body("data.code", equalTo("NANO0001E"));
        api().get("/nano/guests/not-a-uuid").then().statusCode(404).body("data.code", equalTo("NANO0001E"));
    }

    @Test
    void coresAndMemoryChangeAtOnceWhenShutOffAndAtTheNextStartWhenRunningUnlessImmediate() {
        String name = "size-" + suffix;
        String id = guest(name, null);

        api().contentType(ContentType.JSON).body("{\"cores\": 3}").put("/nano/guest/" + id + "/cores").then()
                .statusCode(200).body("data.guest.cores", equalTo(3)).body("data.immediate", equalTo(false))
                .body("data.takes_effect", equalTo("now"));
        assertThat(vcpus(name, 2)).isEqualTo(3);
        api().contentType(ContentType.JSON).body("{\"memory\": " + 512 * MIB + "}").put("/nano/guest/" + id + "/memory")
                .then().statusCode(200).body("data.guest.memory", equalTo(512));
        assertThat(currentMemoryKib(name, 2)).isEqualTo(512 * 1024);

        api().post("/nano/instances/" + id).then().statusCode(200);
        // not immediate: the running guest keeps 3 vCPUs until its next start, its definition has 2
        api().contentType(ContentType.JSON).body("{\"cores\": 2, \"immediate\": false}").put("/nano/guest/" + id + "/cores")
                .then().statusCode(200).body("data.immediate", equalTo(false))
                .body("data.takes_effect", equalTo("next_start")).body("data.pending", hasItem("cpu_info.vcpus"));
        assertThat(vcpus(name, 0)).isEqualTo(3);
        assertThat(vcpus(name, 2)).isEqualTo(2);
        // immediate: the test driver's running domain takes a smaller balloon at once
        api().contentType(ContentType.JSON).body("{\"memory\": " + 384 * MIB + ", \"immediate\": true}")
                .put("/nano/guest/" + id + "/memory").then().statusCode(200)
                .body("data.immediate", equalTo(true)).body("data.takes_effect", equalTo("now"))
                .body("data.pending", equalTo(List.of()));
        assertThat(currentMemoryKib(name, 0)).isEqualTo(384 * 1024);
        assertThat(currentMemoryKib(name, 2)).isEqualTo(384 * 1024);

        // bad input: refused, nothing changed
        refused("PUT", "/nano/guest/" + id + "/cores", "{}", 400, "API0010E");
        refused("PUT", "/nano/guest/" + id + "/cores", "{\"cores\": 0}", 400, "TMPL0006E");
        refused("PUT", "/nano/guest/" + id + "/cores", "{\"cores\": \"many\"}", 400, "API");
        refused("PUT", "/nano/guest/" + id + "/memory", "{\"memory\": 1000}", 400, "API0002E");
        refused("PUT", "/nano/guest/" + id + "/memory", "{\"memory\": -1048576}", 400, "API0002E");
        refused("PUT", "/nano/guest/" + id + "/memory", "{}", 400, "API0010E");
        refused("PUT", "/nano/guest/" + NO_SUCH_GUEST + "/cores", "{\"cores\": 2}", 404, "NANO0001E");
        assertThat(vcpus(name, 2)).isEqualTo(2);
        assertThat(currentMemoryKib(name, 2)).isEqualTo(384 * 1024);

        // natively: live=false leaves the running VM as it is
        api().contentType(ContentType.JSON).body("{\"memory\": {\"current\": 320}}").put("/api/vms/" + name + "?live=false")
                .then().statusCode(200).header("Warning", containsString("memory.current"));
        assertThat(currentMemoryKib(name, 0)).isEqualTo(384 * 1024);
        assertThat(currentMemoryKib(name, 2)).isEqualTo(320 * 1024);
        api().contentType(ContentType.JSON).body("{}").put("/api/vms/" + name + "?live=perhaps").then().statusCode(400)
                .body("code", equalTo("API0002E"));
    }

    /**
     * A grow goes to the storage layer (virStorageVolResize), which the test driver lacks: there it
     * is refused naming that, after every check of the guest, the disk and the size; the real-QEMU
     * tests see the volume grow. A shrink is always refused with the reason.
     */
    @Test
    void aDiskGrowsThroughItsVolumeOnlyWhenShutOffAndAShrinkIsRefusedWithTheReason() {
        String name = "disk-" + suffix;
        String id = guest(name, null);

        api().contentType(ContentType.JSON).body("{\"size\": " + 48 * MIB + "}").put("/nano/guest/" + id + "/disks/resize/1")
                .then().statusCode(409).body("data.code", equalTo("HOST0002E"))
                .body("message", containsString("virStorageVolResize"));
        refused("PUT", "/nano/guest/" + id + "/disks/resize/1", "{\"size\": " + 32 * MIB + "}", 400, "GOP0003E");
        refused("PUT", "/nano/guest/" + id + "/disks/resize/1", "{\"size\": " + 16 * MIB + "}", 409, "GOP0004E");
        refused("PUT", "/nano/guest/" + id + "/disks/resize/1", "{}", 400, "API0010E");
        refused("PUT", "/nano/guest/" + id + "/disks/resize/1", "{\"size\": -5}", 400, "API0002E");
        refused("PUT", "/nano/guest/" + id + "/disks/resize/1", "{\"size\": \"big\"}", 400, "API");
        refused("PUT", "/nano/guest/" + id + "/disks/resize/2", "{\"size\": " + 128 * MIB + "}", 404, "GOP0001E");
        refused("PUT", "/nano/guest/" + id + "/disks/resize/x", "{\"size\": " + 128 * MIB + "}", 404, "GOP0001E");
        refused("PUT", "/nano/guest/" + NO_SUCH_GUEST + "/disks/resize/0", "{\"size\": " + 128 * MIB + "}", 404,
                "NANO0001E");
        api().contentType(ContentType.JSON).body("{\"immediate\": false}").put("/nano/guest/" + id + "/disks/shrink/0")
                .then().statusCode(409).body("data.code", equalTo("GOP0004E"))
                .body("message", containsString("file systems"));
        refused("PUT", "/nano/guest/" + id + "/disks/shrink/9", "{}", 404, "GOP0001E");
        refused("PUT", "/nano/guest/" + id + "/disks/shrink/0", "{\"immediate\": 3}", 400, "API0002E");

        // natively, by device
        String dev = api().get("/api/vms/" + name + "/storages").jsonPath()
                .getString("find { it.vol == '" + id + "-0.img' }.dev");
        api().contentType(ContentType.JSON).body("{\"size\": " + 96 * MIB + "}")
                .post("/api/vms/" + name + "/storages/" + dev + "/resize").then().statusCode(409)
                .body("code", equalTo("HOST0002E"));
        api().contentType(ContentType.JSON).body("{}").post("/api/vms/" + name + "/storages/" + dev + "/shrink").then()
                .statusCode(409).body("code", equalTo("GOP0004E"));
        api().contentType(ContentType.JSON).body("{\"size\": 1}").post("/api/vms/" + name + "/storages/vdz/resize").then()
                .statusCode(404);
        // a running guest's image is held by its QEMU
        api().post("/nano/instances/" + id).then().statusCode(200);
        refused("PUT", "/nano/guest/" + id + "/disks/resize/0", "{\"size\": " + 128 * MIB + "}", 409, "VMS0005E");
        assertThat(capacityOf(name, id + "-0.img")).isEqualTo(64 * MIB);
        assertThat(capacityOf(name, id + "-1.img")).isEqualTo(32 * MIB);
    }

    @Test
    void aShutOffGuestIsRenamedAndKeepsItsId() {
        String name = "old-" + suffix;
        String renamed = "new-" + suffix;
        String id = guest(name, null);
        zone.track(renamed);
        String other = guest("other-" + suffix, null);

        refused("PUT", "/nano/guest/" + id + "/name", "{\"name\": \"-bad\"}", 400, "NAME0001E");
        refused("PUT", "/nano/guest/" + id + "/name", "{}", 400, "API0010E");
        refused("PUT", "/nano/guest/" + id + "/name", "{\"name\": \"other-" + suffix + "\"}", 409, "VMS0006E");
        api().get("/api/vms/" + name).then().statusCode(200);

        api().contentType(ContentType.JSON).body("{\"name\": \"" + renamed + "\"}").put("/nano/guest/" + id + "/name")
                .then().statusCode(200).body("data.name", equalTo(renamed)).body("data.id", equalTo(id));
        api().get("/api/vms/" + renamed).then().statusCode(200).body("uuid", equalTo(id));
        api().get("/api/vms/" + name).then().statusCode(404);

        api().post("/nano/instances/" + other).then().statusCode(200);
        refused("PUT", "/nano/guest/" + other + "/name", "{\"name\": \"x-" + suffix + "\"}", 409, "VMS0005E");
        api().get("/api/vms/other-" + suffix).then().statusCode(200);
    }

    /**
     * The test driver cannot attach or change a device (virDomainAttachDeviceFlags,
     * virDomainUpdateDeviceFlags): media given with the start, inserted or ejected are refused
     * there naming that, and the drive with media the one-time boot needs is defined with the
     * guest's raw definition instead.
     */
    @Test
    void anInstanceStartsOnceFromItsMediaThenRebootsAndStops() {
        String name = "boot-" + suffix;
        String id = guest(name, null);
        List<String> usual = bootOrder(name, 2);
        assertThat(usual).startsWith("hd").doesNotContain("cdrom");

        refused("POST", "/nano/instances/" + id, "{\"from_media\": true}", 409, "GOP0006E");
        refused("POST", "/nano/instances/" + id, "{\"from_media\": true, \"from_network\": true}", 400, "GOP0005E");
        refused("POST", "/nano/instances/" + id, "{\"source\": \"" + MEDIA + "\"}", 400, "GOP0005E");
        refused("POST", "/nano/instances/" + id, "{\"from_media\": \"yes\"}", 400, "API0002E");
        refused("POST", "/nano/instances/" + id, "{\"from_media\": true, \"source\": \"/etc/passwd\"}", 400, "VMS0014E");
        refused("POST", "/nano/instances/" + id, "{\"from_media\": true, \"source\": \"" + MEDIA + "\"}", 409, "HOST0002E");
        refused("POST", "/nano/instances/" + id + "/media", "{\"source\": \"" + MEDIA + "\"}", 409, "HOST0002E");
        refused("POST", "/nano/instances/" + id + "/media", "{\"source\": \"" + MEDIA + "\", \"type\": 1}", 400, "GOP0007E");
        refused("POST", "/nano/instances/" + id + "/media", "{}", 400, "API0010E");
        refused("POST", "/nano/instances/" + NO_SUCH_GUEST + "/media", "{\"source\": \"" + MEDIA + "\"}", 404, "NANO0001E");
        // an empty drive: nothing to eject
        api().delete("/nano/instances/" + id + "/media").then().statusCode(200).body("data.media_attached", equalTo(false));
        assertThat(cdromSources(name)).isEmpty();
        assertThat(bootOrder(name, 2)).isEqualTo(usual);
        api().get("/api/vms/" + name).then().body("state", equalTo("shutoff"));

        // a guest made from a spec has no NIC yet: nothing to boot from the network
        api().contentType(ContentType.JSON).body("{\"from_network\": true}").post("/nano/instances/" + id).then()
                .statusCode(400).body("data.code", equalTo("GOP0005E")).body("message", containsString("network interface"));
        api().get("/api/vms/" + name).then().body("state", equalTo("shutoff"));
        assertThat(bootOrder(name, 2)).isEqualTo(usual);

        // from the media in its drive, this once
        String iso = "/" + zone.storage + "/centos-7.iso";
        addMediaDrive(name, iso);
        api().get("/nano/guests/" + id).then().body("data.media_attached", equalTo(true)).body("data.media_source", equalTo(iso));
        api().contentType(ContentType.JSON).body("{\"from_media\": true}").post("/nano/instances/" + id).then()
                .log().ifValidationFails().statusCode(200).body("data.running", equalTo(true))
                .body("data.media_source", equalTo(iso));
        List<String> once = new ArrayList<>(List.of("cdrom"));
        once.addAll(usual);
        assertThat(bootOrder(name, 0)).isEqualTo(once);
        assertThat(bootOrder(name, 2)).isEqualTo(usual);

        api().contentType(ContentType.JSON).body("{\"reboot\": true}").delete("/nano/instances/" + id).then()
                .statusCode(200).body("data.running", equalTo(true));
        api().contentType(ContentType.JSON).body("{\"force\": true}").delete("/nano/instances/" + id).then()
                .statusCode(200).body("data.running", equalTo(false));
        api().get("/api/vms/" + name).then().body("state", equalTo("shutoff"));
        assertThat(bootOrder(name, 2)).isEqualTo(usual);

        // natively: the same one-time boot
        api().contentType(ContentType.JSON).body("{\"boot\": \"floppy\"}").post("/api/vms/" + name + "/start").then()
                .statusCode(400).body("code", equalTo("GOP0005E"));
        api().contentType(ContentType.JSON).body("{\"boot\": \"network\"}").post("/api/vms/" + name + "/start").then()
                .statusCode(400).body("code", equalTo("GOP0005E"));
        api().contentType(ContentType.JSON).body("{\"boot\": \"cdrom\"}").post("/api/vms/" + name + "/start").then()
                .statusCode(200).body("state", equalTo("running"));
        assertThat(bootOrder(name, 0)).isEqualTo(once);
        assertThat(bootOrder(name, 2)).isEqualTo(usual);
        api().contentType(ContentType.JSON).body("{\"boot\": \"cdrom\"}").post("/api/vms/" + name + "/start").then()
                .statusCode(409).body("code", equalTo("VMS0005E"));
    }

    @Test
    void snapshotsMakeATreeThatIsRestoredShownAndPruned() {
        String name = "snap-" + suffix;
        String id = guest(name, null);
        String base = "/nano/instances/" + id + "/snapshots/";

        snapshot(base, "first", "before anything");
        snapshot(base, "second", null);
        api().contentType(ContentType.JSON).body("{\"target\": \"first\"}").put(base).then().statusCode(200)
                .body("data.name", equalTo("first")).body("data.running", equalTo(false));
        snapshot(base, "branch", null);

        Map<String, Map<String, Object>> tree = api().get(base).then().statusCode(200).extract().jsonPath().getMap("data");
        assertThat(tree).containsOnlyKeys("first", "second", "branch");
        assertThat(tree.get("first")).containsEntry("is_root", true).doesNotContainKey("backing");
        assertThat(tree.get("second")).containsEntry("backing", "first").doesNotContainKey("is_current");
        assertThat(tree.get("branch")).containsEntry("backing", "first").containsEntry("is_current", true);
        api().get("/api/vms/" + name + "/snapshots/current").then().body("name", equalTo("branch"));

        api().get(base + "first").then().statusCode(200).body("data.description", equalTo("before anything"))
                .body("data.running", equalTo(false)).body("data.create_time", startsWith("20"));
        api().delete(base + "second").then().statusCode(200).body("error_code", equalTo(0));
        api().get("/api/vms/" + name + "/snapshots").then().body("name", not(hasItem("second")));

        refused("POST", base, "{\"name\": \"first\"}", 409, "SNAP0002E");
        refused("POST", base, "{\"name\": \"-bad\"}", 400, "NAME0001E");
        refused("POST", base, "{}", 400, "API0010E");
        refused("PUT", base, "{\"target\": \"none-" + suffix + "\"}", 404, "SNAP");
        refused("PUT", base, "{}", 400, "API0010E");
        api().get(base + "second").then().statusCode(404);
        api().delete(base + "second").then().statusCode(404);
        api().get("/nano/instances/" + NO_SUCH_GUEST + "/snapshots/").then().statusCode(404)
                .body("data.code", equalTo("NANO0001E"));
        assertThat(api().get("/api/vms/" + name + "/snapshots").jsonPath().getList("name", String.class))
                .containsExactly("first", "branch");
    }

    /**
     * A channel sets a fresh password on the running display, which the test driver cannot do
     * (virDomainUpdateDeviceFlags): there the answer says so, and the success path is the one of
     * {@code POST /api/vms/{name}/connect}, which the real-QEMU tests cover.
     */
    @Test
    void aMonitorChannelIsMadeForARunningGuestOnlyAndSaysWhatTheHypervisorLacks() {
        String id = guest("screen-" + suffix, null);
        refused("POST", "/nano/monitor_channels/", "{\"guest\": \"" + id + "\"}", 409, "VMS0005E");
        refused("POST", "/nano/monitor_channels/" + id, "", 409, "VMS0005E");
        api().post("/nano/instances/" + id).then().statusCode(200);

        api().contentType(ContentType.JSON).body("{\"guest\": \"" + id + "\"}").post("/nano/monitor_channels/").then()
                .statusCode(409).body("data.code", equalTo("HOST0002E"))
                .body("message", containsString("console password"));
        refused("POST", "/nano/monitor_channels/" + id, "", 409, "HOST0002E");
        refused("POST", "/nano/monitor_channels/", "{}", 400, "API0010E");
        refused("POST", "/nano/monitor_channels/", "{\"guest\": \"" + NO_SUCH_GUEST + "\"}", 404, "NANO0001E");
        refused("POST", "/nano/monitor_channels/" + id, "{\"guest\": \"" + NO_SUCH_GUEST + "\"}", 400, "API0002E");
        refused("POST", "/nano/monitor_channels/" + NO_SUCH_GUEST, "", 404, "NANO0001E");
    }

    // helpers

    /** Makes a guest of 1 core, 256 MiB and disks of 64 and 32 MiB in the pool; answers its id once made. */
    private String guest(String name, String group) {
        return zone.guest(name, group, "[64, 32]");
    }

    private void snapshot(String base, String name, String description) {
        String task = api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\""
                        + (description == null ? "" : ", \"description\": \"" + description + "\"") + "}")
                .post(base).then().statusCode(202).body("data.name", equalTo(name)).extract().path("data.task");
        JsonPath done = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/api/tasks/" + task).then().extract().jsonPath(),
                        t -> !"running".equals(t.getString("status")));
        assertThat(done.getString("status")).as(done.getString("message")).isEqualTo("finished");
    }

    private static List<String> searchIds(String query) {
        return api().get("/nano/guest_search/?" + query).then().statusCode(200).extract().jsonPath()
                .getList("data.id", String.class);
    }

    private static void refused(String method, String path, String body, int status, String codePrefix) {
        api().contentType(ContentType.JSON).body(body).request(method, path).then().log().ifValidationFails().statusCode(status)
                .body("error_code", equalTo(status)).body("data.code", startsWith(codePrefix));
    }

    /** libvirt's domain XML as JSON: flag 0 the running domain's (or the definition when shut off), 2 the definition. */
    private static JsonPath xml(String vm, int flag) {
        return api().get("/api/vms/" + vm + "/definition?flag=" + flag).then().statusCode(200).extract().jsonPath();
    }

    private static int vcpus(String vm, int flag) {
        JsonPath domain = xml(vm, flag);
        Object vcpu = domain.get("domain.vcpu");
        if (vcpu instanceof Map<?, ?> element) {
            return Integer.parseInt(String.valueOf(element.containsKey("@current") ? element.get("@current")
                    : element.get("#text")));
        }
        return Integer.parseInt(String.valueOf(vcpu));
    }

    private static long currentMemoryKib(String vm, int flag) {
        Object memory = xml(vm, flag).get("domain.currentMemory");
        return Long.parseLong(String.valueOf(memory instanceof Map<?, ?> element ? element.get("#text") : memory));
    }

    private static List<String> bootOrder(String vm, int flag) {
        Object boot = xml(vm, flag).get("domain.os.boot");
        List<String> order = new ArrayList<>();
        if (boot instanceof List<?> list) {
            list.forEach(each -> order.add(String.valueOf(((Map<?, ?>) each).get("@dev"))));
        } else if (boot instanceof Map<?, ?> one) {
            order.add(String.valueOf(one.get("@dev")));
        }
        return order;
    }

    /** The sources of the VM's CD-ROM drives in its definition: a file, a URL, or "" for an empty drive. */
    private static List<String> cdromSources(String vm) {
        return api().get("/api/vms/" + vm + "/storages").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.type == 'cdrom' }.path", String.class);
    }

    /** Gives a shut-off VM a CD-ROM drive holding {@code iso} through its raw definition (the test driver cannot attach one). */
    private static void addMediaDrive(String vm, String iso) {
        JsonObject definition = Json.createReader(new StringReader(api().get("/api/vms/" + vm + "/definition?flag=2")
                .then().statusCode(200).extract().asString())).readObject();
        JsonObject domain = definition.getJsonObject("domain");
        JsonObject devices = domain.getJsonObject("devices");
        JsonArrayBuilder disks = Json.createArrayBuilder();
        JsonValue existing = devices.get("disk");
        if (existing instanceof JsonArray list) {
            list.forEach(disks::add);
        } else if (existing != null) {
            disks.add(existing);
        }
        disks.add(Json.createObjectBuilder().add("@type", "file").add("@device", "cdrom")
                .add("driver", Json.createObjectBuilder().add("@name", "qemu").add("@type", "raw"))
                .add("source", Json.createObjectBuilder().add("@file", iso))
                .add("target", Json.createObjectBuilder().add("@dev", "hdc").add("@bus", "ide")));
        JsonObject changed = Json.createObjectBuilder().add("domain", Json.createObjectBuilder(domain)
                .add("devices", Json.createObjectBuilder(devices).add("disk", disks))).build();
        api().contentType(ContentType.JSON).body(changed.toString()).put("/api/vms/" + vm + "/definition").then()
                .log().ifValidationFails().statusCode(200);
        assertThat(cdromSources(vm)).containsExactly(iso);
    }

    private static long capacityOf(String vm, String volume) {
        return api().get("/api/vms/" + vm + "/storages").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.vol == '" + volume + "' }.capacity");
    }
}
