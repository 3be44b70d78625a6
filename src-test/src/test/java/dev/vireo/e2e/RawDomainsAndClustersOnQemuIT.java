package dev.vireo.e2e;

import static dev.vireo.e2e.RealHypervisor.SERVER;
import static dev.vireo.e2e.RealHypervisor.WORKDIR;
import static dev.vireo.e2e.RealHypervisor.api;
import static dev.vireo.e2e.RealHypervisor.virsh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.libvirt.event.DomainEventType;

/**
 * Issue 17 on a real libvirtd + QEMU, through Vireo's HTTP faces only (virsh and a libvirt
 * connection of the test's own only look): a raw domain of the Xen REST face with libvirt's flags,
 * and clusters of VMs (start order, reverse stop, a broken member, snapshot sets, Comet storages).
 * The guests are tiny (64 MiB, no OS: they sit in SeaBIOS, which is a running VM to libvirt) and
 * shared by the cluster cases; each case brings them to the state it starts from.
 */
class RawDomainsAndClustersOnQemuIT extends VireoOnQemu {

    private static final String DEPLOYMENT = "vireo-on-qemu-clusters";
    private static final String NODES = "/libvirt/xen/nodes";
    private static final String CLUSTERS = "/api/clusters";

    /** What the cases share: a dir pool for the members' disks, and the members, made on first use. */
    private static HostFixtures host;
    private static String pool;
    private static Path poolDirectory;
    private static final List<String> members = new ArrayList<>();
    private static final List<String> domains = new ArrayList<>();

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive deployment() {
        return RealHypervisor.vireo();
    }

    @AfterAll
    static void removeTheGuestsAndThePool() throws IOException {
        for (String domain : domains) {
            RealHypervisor.run("virsh", "-c", RealHypervisor.uri(), "destroy", domain);
            RealHypervisor.run("virsh", "-c", RealHypervisor.uri(), "undefine", "--snapshots-metadata", domain);
        }
        if (host != null) {
            host.close();
        }
    }

    // the Xen REST face

    /**
     * A domain defined from the JSON form of its XML starts (paused, with flag 1), takes a network
     * interface live and in its configuration, changes its memory and vCPUs with each flag as libvirt's
     * live and persistent definitions then show, is a VM of /api/vms, and stops, is destroyed and is
     * deleted with flags.
     */
    @Test
    void aDomainFromJsonStartsTakesADeviceAndResizesWithLibvirtsFlags() throws IOException {
        String network = fixtures().isolatedNetwork(HostFixtures.unique("e2e-net"));
        host.startNetwork(network);
        String guest = HostFixtures.unique("e2e-xen");
        Path disk = host.image(pool, poolDirectory, guest + ".qcow2", "16M");
        domains.add(guest);
        String uuid = api().contentType(ContentType.JSON).body("{\"domain\": {\"@type\": \"qemu\", \"name\": \"" + guest + "\","
                        + " \"memory\": {\"@unit\": \"MiB\", \"#text\": \"256\"},"
                        + " \"currentMemory\": {\"@unit\": \"MiB\", \"#text\": \"64\"},"
                        + " \"vcpu\": {\"@placement\": \"static\", \"@current\": \"1\", \"#text\": \"2\"},"
                        + " \"os\": {\"type\": {\"@arch\": \"x86_64\", \"@machine\": \"pc\", \"#text\": \"hvm\"}},"
                        + " \"features\": {\"acpi\": null, \"apic\": null},"
                        + " \"devices\": {\"disk\": {\"@type\": \"file\", \"@device\": \"disk\","
                        + " \"driver\": {\"@name\": \"qemu\", \"@type\": \"qcow2\"}, \"source\": {\"@file\": \"" + disk + "\"},"
                        + " \"target\": {\"@dev\": \"vda\", \"@bus\": \"virtio\"}},"
                        + " \"graphics\": {\"@type\": \"vnc\", \"@autoport\": \"yes\", \"@listen\": \"127.0.0.1\"},"
                        + " \"video\": {\"model\": {\"@type\": \"vga\"}}, \"memballoon\": {\"@model\": \"virtio\"}}}}")
                .post(NODES + "/create").then().statusCode(201).body("Warnings", org.hamcrest.Matchers.empty())
                .extract().path("Uuid");
        assertThat(virsh("domuuid", guest)).isEqualTo(uuid);
        api().get("/api/vms/" + guest).then().statusCode(200)
                .body("state", equalTo("shutoff")).body("memory.current", equalTo(64)).body("cpu_info.vcpus", equalTo(1));
        api().get(NODES + "/json").then().statusCode(200).body("domain.name", not(hasItem(guest)));
        api().get(NODES + "/json?all=1").then().statusCode(200).body("domain.name", hasItem(guest));

        // flag 1, VIR_DOMAIN_START_PAUSED: QEMU starts with its vCPUs stopped
        api().post(NODES + "/" + uuid + "/start?flag=1").then().statusCode(204);
        assertThat(virsh("domstate", guest)).isEqualTo("paused");
        api().get("/api/vms/" + guest).then().body("state", equalTo("paused"));
        api().post(NODES + "/" + guest + "/start").then().statusCode(304);
        api().post(NODES + "/" + guest + "/resume").then().statusCode(204);
        assertThat(virsh("domstate", guest)).isEqualTo("running");
        api().get(NODES + "/json?all=0").then().body("domain.name", hasItem(guest));

        // an interface, hot-plugged into the running guest and written to its configuration (flag 3: LIVE | CONFIG)
        api().contentType(ContentType.JSON).body("{\"interface\": {\"@type\": \"network\","
                        + " \"source\": {\"@network\": \"" + network + "\"}, \"model\": {\"@type\": \"virtio\"}}}")
                .post(NODES + "/" + guest + "/devices/attach?flag=3").then().statusCode(201)
                .body("interface.source.'@network'", equalTo(network));
        assertThat(virsh("domiflist", guest)).contains(network);
        assertThat(virsh("domiflist", guest, "--inactive")).contains(network);
        String mac = api().get("/api/vms/" + guest + "/ifaces").then().statusCode(200).body("network", hasItem(network))
                .extract().path("find { it.network == '" + network + "' }.mac");

        // vCPUs: one more, live and in the configuration; then the configuration alone back to one
        api().post(NODES + "/" + guest + "/vcpu/resize?size=2&flag=3").then().statusCode(204);
        assertThat(virsh("vcpucount", guest, "--live", "--active")).isEqualTo("2");
        assertThat(virsh("vcpucount", guest, "--config", "--active")).isEqualTo("2");
        api().post(NODES + "/" + guest + "/vcpu/resize?size=1&flag=2").then().statusCode(204);
        assertThat(virsh("vcpucount", guest, "--live", "--active")).isEqualTo("2");
        assertThat(virsh("vcpucount", guest, "--config", "--active")).isEqualTo("1");
        // libvirt leaves current out where it is the maximum
        api().get(NODES + "/" + guest + "/json").then().body("domain.vcpu.'#text'", equalTo("2"))
                .body("domain.vcpu.'@current'", nullValue());
        api().get(NODES + "/" + guest + "/json?flag=2").then().body("domain.vcpu.'@current'", equalTo("1"));

        // memory: the maximum of the configuration (type=max, flag 2) leaves the live maximum as it is
        api().post(NODES + "/" + guest + "/memory/resize?size=196608&type=max&flag=2").then().statusCode(204);
        assertThat(virsh("dumpxml", guest, "--inactive")).contains("<memory unit='KiB'>196608</memory>");
        assertThat(virsh("dumpxml", guest)).contains("<memory unit='KiB'>262144</memory>");
        // the balloon target, live only (flag 1), then live and in the configuration (flag 3)
        api().post(NODES + "/" + guest + "/memory/resize?size=98304&type=target&flag=1").then().statusCode(204);
        assertThat(virsh("dumpxml", guest, "--inactive")).contains("<currentMemory unit='KiB'>65536</currentMemory>");
        api().post(NODES + "/" + guest + "/memory/resize?size=131072&flag=3").then().statusCode(204);
        assertThat(virsh("dumpxml", guest, "--inactive")).contains("<currentMemory unit='KiB'>131072</currentMemory>");
        // libvirt refuses a live maximum change of a running QEMU guest: its refusal as a 4xx, nothing changed
        int refused = api().post(NODES + "/" + guest + "/memory/resize?size=262144&type=max&flag=1").then()
                .extract().statusCode();
        assertThat(refused).isBetween(400, 499);
        // a flag libvirt does not take for the call: 400 naming those it takes, nothing reaches libvirt
        api().post(NODES + "/" + guest + "/vcpu/resize?size=1&flag=4").then().statusCode(400)
                .body("code", equalTo("XEN0002E")).body("reason", containsString("VIR_DOMAIN_AFFECT_CONFIG"));
        assertThat(virsh("vcpucount", guest, "--live", "--active")).isEqualTo("2");

        // a guest without an OS never lets go of a hot-unplugged PCI NIC: gone from the configuration,
        // still in the running domain, and the answer says so
        api().delete("/api/vms/" + guest + "/ifaces/" + mac).then().statusCode(204)
                .header("Warning", containsString("the running guest has not released it"));
        assertThat(virsh("domiflist", guest)).containsIgnoringCase(mac);
        assertThat(virsh("domiflist", guest, "--inactive")).doesNotContainIgnoringCase(mac);

        // stop with flag 1 (ACPI power button): sent; a guest without an OS does not react to it
        api().post(NODES + "/" + guest + "/stop?flag=1").then().statusCode(204);
        assertThat(virsh("domstate", guest)).isEqualTo("running");
        api().post(NODES + "/" + guest + "/stop?flag=32").then().statusCode(400).body("code", equalTo("XEN0002E"));
        // destroy with flag 1 (GRACEFUL: QEMU is asked to end, not killed)
        api().post(NODES + "/" + guest + "/destroy?flag=1").then().statusCode(204);
        assertThat(virsh("domstate", guest)).isEqualTo("shut off");
        api().get("/api/vms/" + guest).then().body("state", equalTo("shutoff"));
        api().post(NODES + "/" + guest + "/destroy").then().statusCode(304);
        api().post(NODES + "/" + guest + "/stop").then().statusCode(304);

        // delete: libvirt keeps a domain with snapshots unless flag 2 (SNAPSHOTS_METADATA) says to forget them
        virsh("snapshot-create-as", guest, "kept");
        int kept = api().post(NODES + "/" + guest + "/delete").then().extract().statusCode();
        assertThat(kept).isBetween(400, 499);
        assertThat(virsh("list", "--all", "--name")).contains(guest);
        api().post(NODES + "/" + guest + "/delete?flag=2").then().statusCode(204);
        assertThat(virsh("list", "--all", "--name")).doesNotContain(guest);
        api().get("/api/vms/" + guest).then().statusCode(404);
        api().post(NODES + "/" + uuid + "/start").then().statusCode(404).body("code", equalTo("XEN0003E"));
        domains.remove(guest);
    }

    // clusters

    /**
     * A cluster of three starts in its declared order, each VM running before the next is started
     * (libvirt's own events say in which order), and stops in reverse; the members, which ignore an
     * ACPI shutdown without an OS, are powered off once the shutdown timeout passes.
     */
    @Test
    void aClusterOfThreeStartsInItsOrderAndStopsInReverse() throws Exception {
        List<String> trio = members();
        List<String> order = List.of(trio.get(2), trio.get(0), trio.get(1));
        String cluster = cluster(order);
        try (LifecycleRecorder events = new LifecycleRecorder(RealHypervisor.uri())) {
            JsonPath started = awaitTask(api().post(CLUSTERS + "/" + cluster + "/start").then().statusCode(202)
                    .extract().path("id"));
            assertThat(started.getString("status")).as(started.getString("message")).isEqualTo("finished");
            assertThat(started.getString("message")).contains(order.get(0) + " running; " + order.get(1) + " running; "
                    + order.get(2) + " running");
            for (String vm : order) {
                assertThat(virsh("domstate", vm)).isEqualTo("running");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> events.domainsThat(DomainEventType.STARTED, order).size() == 3);
            assertThat(events.domainsThat(DomainEventType.STARTED, order)).as("libvirt's start events").isEqualTo(order);
            api().get(CLUSTERS + "/" + cluster).then().body("vms.state", everyItem(equalTo("running")));

            events.clear();
            JsonPath stopped = awaitTask(api().post(CLUSTERS + "/" + cluster + "/stop").then().statusCode(202)
                    .extract().path("id"));
            assertThat(stopped.getString("status")).as(stopped.getString("message")).isEqualTo("finished");
            assertThat(stopped.getString("message")).contains(order.get(2) + " powered off; " + order.get(1)
                    + " powered off; " + order.get(0) + " powered off");
            await().atMost(Duration.ofSeconds(10)).until(() -> events.domainsThat(DomainEventType.STOPPED, order).size() == 3);
            assertThat(events.domainsThat(DomainEventType.STOPPED, order)).as("libvirt's stop events")
                    .isEqualTo(List.of(order.get(2), order.get(1), order.get(0)));
        }
        for (String vm : order) {
            assertThat(virsh("domstate", vm)).isEqualTo("shut off");
        }
        api().delete(CLUSTERS + "/" + cluster).then().statusCode(204);
    }

    /**
     * A member whose disk was removed behind Vireo's back cannot start: the start task names it with
     * libvirt's reason while the two before it run; the stop then stops those two. Once that member
     * is gone altogether, a stop fails on it and still stops the other two. (A start halts at a
     * member that fails, as later members may need it: the broken one is last in the order here.)
     */
    @Test
    void aBrokenMemberIsReportedWhileTheOtherTwoStartAndStop() throws IOException {
        List<String> trio = members();
        String broken = member("e2e-broken");
        Files.delete(poolDirectory.resolve(broken + ".qcow2"));
        List<String> order = List.of(trio.get(0), trio.get(1), broken);
        String cluster = cluster(order);

        JsonPath started = awaitTask(api().post(CLUSTERS + "/" + cluster + "/start").then().statusCode(202)
                .extract().path("id"));
        assertThat(started.getString("status")).isEqualTo("failed");
        assertThat(started.getString("message")).startsWith("CLU0010E")
                .contains(order.get(0) + " running; " + order.get(1) + " running; " + broken + " failed: ")
                .contains(broken + ".qcow2");
        assertThat(virsh("domstate", order.get(0))).isEqualTo("running");
        assertThat(virsh("domstate", order.get(1))).isEqualTo("running");
        assertThat(virsh("domstate", broken)).isEqualTo("shut off");
        api().get(CLUSTERS + "/" + cluster).then().body("vms.state", equalTo(List.of("running", "running", "shutoff")));

        JsonPath stopped = awaitTask(api().post(CLUSTERS + "/" + cluster + "/stop").then().statusCode(202)
                .extract().path("id"));
        assertThat(stopped.getString("status")).as(stopped.getString("message")).isEqualTo("finished");
        assertThat(stopped.getString("message")).contains(broken + " was shut off; " + order.get(1) + " powered off; "
                + order.get(0) + " powered off");
        for (String vm : order) {
            assertThat(virsh("domstate", vm)).isEqualTo("shut off");
        }

        // the broken member undefined behind Vireo's back as well: a stop fails on it first and goes on to the others
        virsh("undefine", broken);
        domains.remove(broken);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api().get("/api/vms/" + broken).then().statusCode(404));
        JsonPath again = awaitTask(api().post(CLUSTERS + "/" + cluster + "/start").then().statusCode(202)
                .extract().path("id"));
        assertThat(again.getString("message")).startsWith("CLU0010E")
                .contains(order.get(0) + " running; " + order.get(1) + " running; " + broken + " failed: VMS0004E");
        api().get(CLUSTERS + "/" + cluster).then().body("vms.state", equalTo(List.of("running", "running", "missing")));
        JsonPath past = awaitTask(api().post(CLUSTERS + "/" + cluster + "/stop").then().statusCode(202)
                .extract().path("id"));
        assertThat(past.getString("status")).isEqualTo("failed");
        assertThat(past.getString("message")).startsWith("CLU0010E")
                .contains(broken + " failed: VMS0004E", order.get(1) + " powered off; " + order.get(0) + " powered off");
        assertThat(virsh("domstate", order.get(0))).isEqualTo("shut off");
        assertThat(virsh("domstate", order.get(1))).isEqualTo("shut off");
        api().delete(CLUSTERS + "/" + cluster).then().statusCode(204);
    }

    /**
     * A snapshot set of three running members (internal snapshots with their RAM): each member's
     * snapshot is its current one; after two of them are powered off, reverting the set brings all
     * three back to running.
     */
    @Test
    void aSnapshotSetOfRunningMembersIsTakenAndReverted() {
        List<String> trio = members();
        String cluster = cluster(trio);
        startAll(cluster);
        String sets = CLUSTERS + "/" + cluster + "/snapshots";

        JsonPath taken = awaitTask(api().contentType(ContentType.JSON).body("{\"name\": \"before\"}").post(sets).then()
                .statusCode(202).extract().path("id"));
        assertThat(taken.getString("status")).as(taken.getString("message")).isEqualTo("finished");
        api().get(sets + "/before").then().statusCode(200)
                .body("vms.vm", equalTo(trio)).body("vms.state", everyItem(equalTo("current")));
        for (String vm : trio) {
            assertThat(virsh("snapshot-current", vm, "--name")).isEqualTo("before");
            assertThat(virsh("snapshot-info", vm, "before")).containsPattern("State:\\s+running");
        }

        api().post("/api/vms/" + trio.get(0) + "/poweroff").then().statusCode(200);
        api().post("/api/vms/" + trio.get(2) + "/poweroff").then().statusCode(200);
        assertThat(virsh("domstate", trio.get(0))).isEqualTo("shut off");

        JsonPath reverted = awaitTask(api().post(sets + "/before/revert").then().statusCode(202).extract().path("id"));
        assertThat(reverted.getString("status")).as(reverted.getString("message")).isEqualTo("finished");
        assertThat(reverted.getString("message")).contains(trio.get(0) + " reverted", trio.get(1) + " reverted",
                trio.get(2) + " reverted");
        for (String vm : trio) {
            assertThat(virsh("domstate", vm)).as(vm).isEqualTo("running");
            assertThat(virsh("snapshot-current", vm, "--name")).isEqualTo("before");
            api().get("/api/vms/" + vm).then().body("state", equalTo("running"));
        }

        JsonPath deleted = awaitTask(api().delete(sets + "/before").then().statusCode(202).extract().path("id"));
        assertThat(deleted.getString("status")).as(deleted.getString("message")).isEqualTo("finished");
        for (String vm : trio) {
            assertThat(virsh("snapshot-list", vm, "--name")).doesNotContain("before");
        }
        for (String vm : trio) {
            api().post("/api/vms/" + vm + "/poweroff").then().statusCode(200);
        }
        api().delete(CLUSTERS + "/" + cluster).then().statusCode(204);
    }

    /** Comet's storages of a running member: a pool's volume attached live, then unmapped live. */
    @Test
    void cometAttachesAndUnmapsAStorageOfARunningMember() {
        List<String> trio = members();
        String cluster = cluster(trio);
        String vm = trio.get(1);
        api().post("/api/vms/" + vm + "/start").then().statusCode(200);
        String volume = HostFixtures.unique("data") + ".qcow2";
        Path data = host.image(pool, poolDirectory, volume, "16M");
        String storages = "/comet/cluster/" + cluster + "/vms/" + vm + "/storages";

        String dev = api().contentType(ContentType.JSON).body("{\"pool\": \"" + pool + "\", \"vol\": \"" + volume + "\"}")
                .post(storages).then().statusCode(201)
                .header("Warning", nullValue())
                .body("pool", equalTo(pool)).body("vol", equalTo(volume))
                .extract().path("dev");
        assertThat(virsh("domblklist", vm)).contains(dev, data.toString());
        assertThat(virsh("domblklist", vm, "--inactive")).contains(dev, data.toString());
        api().get(storages + "/" + dev).then().statusCode(200).body("path", equalTo(data.toString()));

        api().contentType(ContentType.JSON).body("{}").post(storages + "/" + dev + "/unmap").then().statusCode(204)
                .header("Warning", nullValue());
        assertThat(virsh("domblklist", vm)).doesNotContain(data.toString());
        assertThat(virsh("domblklist", vm, "--inactive")).doesNotContain(data.toString());
        assertThat(data).as("an unmapped volume stays in its pool").exists();
        api().get(storages + "/" + dev).then().statusCode(404);

        api().post("/api/vms/" + vm + "/poweroff").then().statusCode(200);
        api().delete(CLUSTERS + "/" + cluster).then().statusCode(204);
    }

    // fixtures

    private static HostFixtures fixtures() throws IOException {
        if (host == null) {
            host = new HostFixtures(WORKDIR);
            pool = HostFixtures.unique("e2e-cluster-pool");
            poolDirectory = host.dirPool(pool, true);
        }
        return host;
    }

    /** The three members the cluster cases share, each shut off. */
    private static List<String> members() {
        try {
            fixtures();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        while (members.size() < 3) {
            members.add(member("e2e-member"));
        }
        for (String vm : members) {
            if (!virsh("domstate", vm).equals("shut off")) {
                api().post("/api/vms/" + vm + "/poweroff").then().statusCode(200);
            }
        }
        return List.copyOf(members);
    }

    /**
     * A tiny guest defined at the Xen face with a qcow2 disk of the pool on a virtio-scsi controller
     * (SCSI disks come and go without the guest's help; a virtio-blk disk needs its guest to let go).
     */
    private static String member(String prefix) {
        String vm = HostFixtures.unique(prefix);
        Path disk = host.image(pool, poolDirectory, vm + ".qcow2", "16M");
        domains.add(vm);
        api().contentType(ContentType.JSON).body("{\"domain\": {\"@type\": \"qemu\", \"name\": \"" + vm + "\","
                        + " \"memory\": {\"@unit\": \"MiB\", \"#text\": \"64\"}, \"vcpu\": \"1\","
                        + " \"os\": {\"type\": {\"@arch\": \"x86_64\", \"@machine\": \"pc\", \"#text\": \"hvm\"}},"
                        + " \"features\": {\"acpi\": null, \"apic\": null},"
                        + " \"devices\": {\"controller\": {\"@type\": \"scsi\", \"@model\": \"virtio-scsi\", \"@index\": \"0\"},"
                        + " \"disk\": {\"@type\": \"file\", \"@device\": \"disk\", \"driver\": {\"@name\": \"qemu\", \"@type\": \"qcow2\"},"
                        + " \"source\": {\"@file\": \"" + disk + "\"}, \"target\": {\"@dev\": \"sda\", \"@bus\": \"scsi\"}},"
                        + " \"graphics\": {\"@type\": \"vnc\", \"@autoport\": \"yes\", \"@listen\": \"127.0.0.1\"},"
                        + " \"video\": {\"model\": {\"@type\": \"vga\"}}, \"memballoon\": {\"@model\": \"none\"}}}}")
                .post(NODES + "/create").then().statusCode(201);
        api().get("/api/vms/" + vm).then().statusCode(200).body("state", equalTo("shutoff"));
        return vm;
    }

    private static String cluster(List<String> vms) {
        String name = HostFixtures.unique("e2e-cluster");
        api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"vms\": [\"" + String.join("\", \"", vms)
                        + "\"]}").post(CLUSTERS).then()
                .statusCode(201).body("vms.name", equalTo(vms));
        return name;
    }

    private static void startAll(String cluster) {
        JsonPath started = awaitTask(api().post(CLUSTERS + "/" + cluster + "/start").then().statusCode(202).extract().path("id"));
        assertThat(started.getString("status")).as(started.getString("message")).isEqualTo("finished");
    }

    private static JsonPath awaitTask(String id) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> api().get("/api/tasks/" + id).then().extract().jsonPath(),
                        task -> !"running".equals(task.getString("status")));
    }
}
