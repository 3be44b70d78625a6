package dev.vireo.e2e;

import static dev.vireo.e2e.RealHypervisor.SERVER;
import static dev.vireo.e2e.RealHypervisor.WORKDIR;
import static dev.vireo.e2e.RealHypervisor.api;
import static dev.vireo.e2e.RealHypervisor.virshAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.apache.commons.codec.digest.Crypt;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Issue 15 on a real libvirtd + QEMU, through Vireo's HTTP faces (Nano's where Nano has the route):
 * the default compute pool gets the second daemon as its second cell, a storage pool private to
 * each cell, the cell's network and an address pool; a small qcow2 disk image is uploaded and a
 * guest made from it on the second cell (the image copied there through libvirt's volume streams,
 * the system disk an overlay on that copy, an address of the pool in the network's DHCP hosts). Its
 * password goes into a cloud-init seed ISO, a live set without a guest agent is refused, its system
 * disk is reset from the image (the data disk untouched), a disk image is captured from it and a
 * second guest made from that starts; then a Nano batch of three from the image, open to both cells, fails only
 * its item with a taken name. The cases run in order and share what the earlier ones made;
 * the last one removes it all and checks that nothing is left. virsh, qemu-img and qemu-io (run in
 * the second daemon's mount namespace, where its files are) only look.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NanoOnQemuIT extends VireoOnQemu {

    private static final String DEPLOYMENT = "vireo-on-qemu-nano";
    private static final Path PEER_DIR = Path.of(WORKDIR + "-peer");
    private static final String PASSWORD = "e2e-Secret-42";
    private static final String SEEDS = "vireo-seeds";

    /** What the cases share, made by the first one. */
    private static String peer;
    private static String cell;
    private static String storage;
    private static String storagePath;
    private static String network;
    private static String net;
    private static String addresses;
    private static JsonPath defaultPool;
    private static Path scratch;
    private static Path imageFile;
    private static String image;
    private static String guest;
    private static String guestId;
    private static String captured;
    private static String second;
    private static String secondId;
    private static final List<String> guestIds = new ArrayList<>();
    private static final List<String> images = new ArrayList<>();

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive deployment() {
        return RealHypervisor.vireo();
    }

    @Test
    @Order(1)
    void aGuestFromADiskImageOnTheSecondCellIsAnOverlayOnItsStreamedCopyWithAnAddressOfThePool() throws Exception {
        zone();
        scratch = Files.createDirectories(WORKDIR.resolve("nano-" + HostFixtures.unique("e2e")));
        imageFile = scratch.resolve("base.qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", imageFile.toString(), "32M");
        run("qemu-io", "-f", "qcow2", "-c", "write -P 0x11 0 1M", imageFile.toString());
        String checksum = Transfers.sha256(imageFile);
        image = api().contentType(ContentType.JSON).body("{\"kind\": \"disk\", \"name\": \"" + HostFixtures.unique("e2e-base")
                + "\"}").post("/api/images").then().statusCode(201).extract().path("id");
        images.add(image);
        api().contentType(ContentType.BINARY).body(Files.readAllBytes(imageFile)).put("/api/images/" + image + "/content")
                .then().statusCode(200).body("state", equalTo("ready")).body("checksum", equalTo(checksum));

        guest = HostFixtures.unique("e2e-nano");
        guestId = nanoGuest(guest, image);
        api().get("/nano/guests/" + guestId).then().statusCode(200).body("data.cell", equalTo(cell))
                .body("data.pool", equalTo("default")).body("data.disks", equalTo(List.of(64, 8)));
        assertThat(virshAt(peer, "domstate", guest)).isEqualTo("shut off");

        // the image's copy on the cell, through libvirt's streams: the upload's bytes exactly
        String copy = storagePath + "/image-" + image + ".qcow2";
        assertThat(virshAt(peer, "vol-list", storage)).contains("image-" + image + ".qcow2");
        assertThat(Transfers.sha256(onPeer(copy))).isEqualTo(checksum);
        assertThat(Path.of(copy)).as("a path this server cannot write: the bytes went through libvirt").doesNotExist();

        // the system disk: a qcow2 overlay on the copy, as large as asked
        String system = api().get("/api/vms/" + guest + "/system").then().statusCode(200)
                .body("backing", equalTo(copy)).extract().path("path");
        JsonPath info = cellImageInfo(system);
        assertThat(info.getString("format")).isEqualTo("qcow2");
        assertThat(info.getString("backing-filename")).isEqualTo(copy);
        assertThat(info.getLong("virtual-size")).isEqualTo(64L << 20);
        assertThat(volumeXml(storage, system.substring(system.lastIndexOf('/') + 1))).contains("<path>" + copy + "</path>");

        // its address: the first of the pool's range, in the cell network's DHCP hosts, shown in Nano's details
        JsonPath details = api().get("/nano/guests/" + guestId).then().statusCode(200).extract().jsonPath();
        String mac = details.getString("data.ethernet_address");
        assertThat(mac).isNotNull();
        String address = net + "10";
        assertThat(details.getString("data.internal.network_address")).isEqualTo(address);
        assertThat(details.getString("data.internal.allocated_address")).isEqualTo(address);
        assertThat(dhcpHosts()).containsExactly(mac.toLowerCase() + " " + address);
        api().get("/nano/address_pools/" + addresses + "/internal/ranges/" + net + "10").then().statusCode(200)
                .body("data.allocated.address", equalTo(List.of(address)))
                .body("data.allocated.instance", equalTo(List.of(guest)));
    }

    @Test
    @Order(2)
    void itsPasswordGoesIntoACloudInitSeedIsoAttachedToIt() throws Exception {
        String auth = "/nano/guest/" + guestId + "/auth";
        api().contentType(ContentType.JSON).body("{\"user\": \"root\", \"password\": \"" + PASSWORD + "\"}").put(auth)
                .then().statusCode(200).body("error_code", equalTo(0)).body("data.user", equalTo("root"))
                .body("data.applied", equalTo("next_boot"));

        String seed = seedDrive(virshAt(peer, "dumpxml", "--inactive", guest));
        assertThat(seed).endsWith("/" + guestId + "-cidata.iso");
        Path iso = seedIso();
        String userData = extract(iso, "user-data");
        assertThat(userData).startsWith("#cloud-config\n").contains("chpasswd:", "name: root", "type: hash")
                .doesNotContain(PASSWORD);
        Matcher hash = Pattern.compile("password: '?(\\$6\\$[^\\s']+)").matcher(userData);
        assertThat(hash.find()).as(userData).isTrue();
        assertThat(Crypt.crypt(PASSWORD, hash.group(1))).as("the hash is of the password set").isEqualTo(hash.group(1));
        assertThat(extract(iso, "meta-data")).contains("instance-id: " + guestId + "-", "local-hostname: " + guest);
        api().get(auth).then().statusCode(200).body("data.password", equalTo(PASSWORD));
    }

    @Test
    @Order(3)
    void aLivePasswordForARunningGuestWithoutAnAgentIsRefusedAndChangesNothing() throws Exception {
        api().contentType(ContentType.JSON).body("{}").post("/nano/instances/" + guestId).then().statusCode(200)
                .body("data.running", equalTo(true));
        assertThat(virshAt(peer, "domstate", guest)).isEqualTo("running");
        assertThat(seedDrive(virshAt(peer, "dumpxml", guest))).as("the seed in the running guest")
                .endsWith("/" + guestId + "-cidata.iso");
        byte[] iso = Files.readAllBytes(seedIso());
        String definition = virshAt(peer, "dumpxml", "--inactive", guest);

        String auth = "/nano/guest/" + guestId + "/auth";
        api().contentType(ContentType.JSON).body("{\"user\": \"root\", \"password\": \"Other-Secret-99\"}").put(auth)
                .then().statusCode(409).body("error_code", equalTo(409)).body("data.code", equalTo("GOP0010E"))
                .body("message", org.hamcrest.Matchers.containsString("agent"));

        assertThat(Files.readAllBytes(seedIso())).isEqualTo(iso);
        assertThat(virshAt(peer, "dumpxml", "--inactive", guest)).isEqualTo(definition);
        api().get(auth).then().statusCode(200).body("data.password", equalTo(PASSWORD));
        api().contentType(ContentType.JSON).body("{\"force\": true}").delete("/nano/instances/" + guestId).then()
                .statusCode(200).body("data.running", equalTo(false));
        assertThat(virshAt(peer, "domstate", guest)).isEqualTo("shut off");
    }

    @Test
    @Order(4)
    void itsSystemDiskIsResetFromTheImageAnImageCapturedFromItAndASecondGuestMadeFromThatStarts() throws Exception {
        String system = api().get("/api/vms/" + guest + "/system").then().statusCode(200).extract().path("path");
        String data = dataDisk(system);
        // the guest's own writes: over the image's bytes on the system disk, a marker on the data disk
        cellRun("qemu-io", "-f", "qcow2", "-c", "write -P 0x22 0 64k", system);
        cellRun("qemu-io", "-f", "qcow2", "-c", "write -P 0x5a 1M 64k", data);
        BasicFileAttributes dataBefore = Files.readAttributes(onPeer(data), BasicFileAttributes.class);
        assertThat(holds(system, "0x11 0 64k")).as("the guest's write over the image").isFalse();

        String reset = api().contentType(ContentType.JSON).body("{\"from_image\": \"" + image + "\"}")
                .put("/nano/guest/" + guestId + "/system/").then().statusCode(202).extract().path("data.task");
        JsonPath resetTask = awaitTask(reset);
        assertThat(resetTask.getString("status")).as(resetTask.getString("message")).isEqualTo("finished");
        String copy = storagePath + "/image-" + image + ".qcow2";
        assertThat(cellImageInfo(system).getString("backing-filename")).isEqualTo(copy);
        assertThat(holds(system, "0x11 0 64k")).as("the image's bytes again").isTrue();
        assertThat(holds(data, "0x5a 1M 64k")).as("the data disk's marker").isTrue();
        BasicFileAttributes dataAfter = Files.readAttributes(onPeer(data), BasicFileAttributes.class);
        assertThat(dataAfter.fileKey()).isEqualTo(dataBefore.fileKey());
        assertThat(dataAfter.size()).isEqualTo(dataBefore.size());
        assertThat(imageVolumes()).containsExactly("image-" + image + ".qcow2");

        // captured: a flat qcow2 in the store, its checksum and size those of the store's file
        captured = api().contentType(ContentType.JSON).body("{\"name\": \"" + HostFixtures.unique("e2e-captured")
                + "\", \"guest\": \"" + guestId + "\"}").post("/nano/disk_images/").then().statusCode(202)
                .extract().path("data.id");
        images.add(captured);
        String captureTask = await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/api/tasks?target_uri=/api/images/"
                + captured).jsonPath().getString("[0].id"), found -> found != null);
        JsonPath capture = awaitTask(captureTask);
        assertThat(capture.getString("status")).as(capture.getString("message")).isEqualTo("finished");
        JsonPath made = api().get("/api/images/" + captured).then().statusCode(200).body("kind", equalTo("disk"))
                .body("state", equalTo("ready")).extract().jsonPath();
        Path stored = Path.of(api().get("/api/storagepools/vireo-images/storagevolumes/" + captured + ".qcow2").then()
                .statusCode(200).extract().<String>path("path"));
        assertThat(made.getString("checksum")).isEqualTo(Transfers.sha256(stored));
        assertThat(made.getLong("size")).isEqualTo(Files.size(stored));
        JsonPath flat = HostFixtures.imageInfo(stored);
        assertThat(flat.getString("format")).isEqualTo("qcow2");
        assertThat(flat.getString("backing-filename")).as("no backing: the whole disk").isNull();
        assertThat(flat.getLong("virtual-size")).isEqualTo(64L << 20);
        assertThat(run("qemu-io", "-f", "qcow2", "-c", "read -P 0x11 0 1M", stored.toString())).as("the image's bytes")
                .contains("read 1048576/1048576 bytes");
        api().get("/nano/disk_images/" + captured).then().statusCode(200).body("data.created", equalTo(true));
        assertThat(virshAt(peer, "vol-list", storage)).as("the cell's flat copy is gone").doesNotContain(".capture");

        second = HostFixtures.unique("e2e-nano2");
        secondId = nanoGuest(second, captured);
        api().contentType(ContentType.JSON).body("{}").post("/nano/instances/" + secondId).then().statusCode(200)
                .body("data.running", equalTo(true));
        assertThat(virshAt(peer, "domstate", second)).isEqualTo("running");
        String secondSystem = api().get("/api/vms/" + second + "/system").then().statusCode(200).extract().path("path");
        assertThat(cellImageInfo(secondSystem).getString("backing-filename"))
                .isEqualTo(storagePath + "/image-" + captured + ".qcow2");
        assertThat(imageVolumes()).containsExactlyInAnyOrder("image-" + image + ".qcow2", "image-" + captured + ".qcow2");
    }

    /**
     * A Nano batch of three from the image over both cells (the default host enabled again, its copy
     * of the network defined but not started: its bridge would take the second cell's subnet on this
     * one machine): the item whose name a domain already has fails alone, the two others are made,
     * each an overlay on the image's volume where it landed, each with an address of the pool.
     */
    @Test
    @Order(5)
    void aBatchOfThreeFromTheImageOverBothCellsFailsOnlyItsItemWithATakenName() throws Exception {
        Path definition = scratch.resolve("network.xml");
        Files.writeString(definition, "<network><name>" + network + "</name><ip address='" + net + "1' netmask='255.255.255.0'>"
                + "<dhcp><range start='" + net + "2' end='" + net + "254'/></dhcp></ip></network>");
        virshAt(RealHypervisor.uri(), "net-define", definition.toString());
        api().contentType(ContentType.JSON).body("{\"enable\": true}").put("/nano/compute_pool_cells/default/local").then()
                .statusCode(200);
        String prefix = "e2e" + HostFixtures.unique("b").replace("-", "");
        String taken = prefix + "_1";
        Path tiny = scratch.resolve("taken.xml");
        try (var template = NanoOnQemuIT.class.getResourceAsStream("/e2e/tiny-domain.xml")) {
            Files.writeString(tiny, new String(template.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("<name>NAME</name>", "<name>" + taken + "</name>"));
        }
        virshAt(RealHypervisor.uri(), "define", tiny.toString());
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> api().get("/api/vms/" + taken).then().statusCode(200));
            String batch = api().contentType(ContentType.JSON).body("{\"name_rule\": \"order\", \"name_prefix\": \"" + prefix
                            + "\", \"owner\": \"admin\", \"pool\": \"default\", \"count\": 3, \"cores\": 1, \"memory\": 64, "
                            + "\"disks\": [64], \"from_image\": \"" + image + "\"}")
                    .post("/nano/batch/create_guest").then().statusCode(202).extract().path("data.id");
            JsonPath done = await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    api().get("/nano/batch/create_guest/" + batch), answer -> answer.statusCode() == 200).jsonPath();
            List<String> names = done.getList("data.name");
            assertThat(names).containsExactly(prefix + "_0", taken, prefix + "_2");
            assertThat(done.getList("data.status", String.class)).as(done.prettify())
                    .containsExactly("created", "fail", "created");
            assertThat(done.getString("data[1].error")).contains(taken);
            for (int i : new int[] {0, 2}) {
                String id = done.getString("data[" + i + "].id");
                guestIds.add(id);
                String name = names.get(i);
                JsonPath details = api().get("/nano/guests/" + id).then().statusCode(200).extract().jsonPath();
                String where = details.getString("data.cell");
                assertThat(where).isIn("local", cell);
                String expected = "local".equals(where)
                        ? api().get("/api/storagepools/vireo-images/storagevolumes/" + image + ".qcow2").then().extract().path("path")
                        : storagePath + "/image-" + image + ".qcow2";
                api().get("/api/vms/" + name + "/system").then().statusCode(200).body("backing", equalTo(expected));
                String address = details.getString("data.internal.allocated_address");
                assertThat(address).startsWith(net);
                String uri = "local".equals(where) ? RealHypervisor.uri() : peer;
                assertThat(virshAt(uri, "net-dumpxml", "--inactive", network))
                        .contains("ip='" + address + "'").contains(details.getString("data.ethernet_address").toLowerCase());
                System.out.println("Nano batch item " + name + " on " + where + " at " + address);
            }
            api().get("/api/vms/" + taken).then().statusCode(200).body("host", equalTo("local"));
            for (int i : new int[] {0, 2}) {
                String id = done.getString("data[" + i + "].id");
                api().contentType(ContentType.JSON).body("{\"force\": true}").delete("/nano/guests/" + id).then().statusCode(200);
                guestIds.remove(id);
            }
        } finally {
            RealHypervisor.run("virsh", "-c", RealHypervisor.uri(), "undefine", taken);
            RealHypervisor.run("virsh", "-c", RealHypervisor.uri(), "net-undefine", network);
        }
    }

    @Test
    @Order(6)
    void removingTheGuestsAndImagesLeavesNothingBehind() throws Exception {
        for (String id : List.copyOf(guestIds)) {
            api().contentType(ContentType.JSON).body("{\"force\": true}").delete("/nano/guests/" + id).then()
                    .statusCode(200);
            guestIds.remove(id);
        }
        for (String id : List.copyOf(images)) {
            api().delete("/nano/disk_images/" + id).then().statusCode(200);
            images.remove(id);
            api().get("/api/images/" + id).then().statusCode(404);
            api().get("/api/storagepools/vireo-images/storagevolumes/" + id + ".qcow2").then().statusCode(404);
        }
        String domains = virshAt(peer, "list", "--all", "--name");
        assertThat(domains).doesNotContain(guest);
        assertThat(second).isNotNull();
        assertThat(domains).doesNotContain(second);
        for (String uri : List.of(RealHypervisor.uri(), peer)) {
            virshAt(uri, "pool-refresh", storage);
            assertThat(virshAt(uri, "vol-list", storage).lines().skip(2).filter(line -> !line.isBlank()).toList())
                    .as("no volume, no copy in the pool of %s", uri).isEmpty();
        }
        virshAt(peer, "pool-refresh", SEEDS);
        assertThat(virshAt(peer, "vol-list", SEEDS)).doesNotContain(guestId).doesNotContain(secondId);
        assertThat(dhcpHosts()).isEmpty();
        api().get("/nano/address_pools/" + addresses + "/internal/ranges/" + net + "10").then().statusCode(200)
                .body("data.allocated", equalTo(List.of()));
    }

    @AfterAll
    static void removeTheZone() throws IOException {
        if (peer == null) {
            return;
        }
        for (String id : guestIds) {
            api().contentType(ContentType.JSON).body("{\"force\": true}").delete("/nano/guests/" + id);
        }
        images.forEach(id -> api().delete("/api/images/" + id));
        api().contentType(ContentType.JSON).body("{\"enable\": true}").put("/nano/compute_pool_cells/default/local");
        api().contentType(ContentType.JSON).body("{\"storage\": \"" + text(defaultPool, "data.storage") + "\", \"network\": \""
                + text(defaultPool, "data.network") + "\", \"address_pool\": \"" + text(defaultPool, "data.address_pool")
                + "\"}").put("/nano/compute_pools/default");
        api().delete("/api/hosts/" + cell);
        api().delete("/nano/address_pools/" + addresses);
        RealHypervisor.run("virsh", "-c", peer, "net-destroy", network);
        RealHypervisor.run("virsh", "-c", peer, "net-undefine", network);
        for (String uri : List.of(RealHypervisor.uri(), peer)) {
            RealHypervisor.run("virsh", "-c", uri, "pool-destroy", storage);
            RealHypervisor.run("virsh", "-c", uri, "pool-delete", storage);
            RealHypervisor.run("virsh", "-c", uri, "pool-undefine", storage);
        }
        if (scratch != null) {
            try (var files = Files.walk(scratch)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    // the zone

    /**
     * The default compute pool with the second daemon as its second cell, a storage pool of the
     * same name private to each cell, the second cell's network and an address pool of its subnet;
     * the default host is disabled, so that Nano's guests land on the second cell.
     */
    private static void zone() {
        peer = RealHypervisor.peerUri();
        cell = HostFixtures.unique("e2e-cell");
        storage = HostFixtures.unique("e2e-nano");
        storagePath = "/var/lib/libvirt/images/" + storage;
        network = HostFixtures.unique("e2e-net");
        addresses = HostFixtures.unique("e2e-addr");
        net = HostFixtures.benchmarkNet();
        defaultPool = api().get("/nano/compute_pools/default").then().statusCode(200).extract().jsonPath();
        api().contentType(ContentType.JSON).body("{\"name\": \"" + cell + "\", \"uri\": \"" + peer + "\", \"pool\": \"default\"}")
                .post("/api/hosts").then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                api().get("/api/hosts/" + cell).then().body("state", equalTo("connected")));
        for (String uri : List.of(RealHypervisor.uri(), peer)) {
            virshAt(uri, "pool-define-as", storage, "dir", "--target", storagePath);
            virshAt(uri, "pool-build", storage);
            virshAt(uri, "pool-start", storage);
        }
        api().contentType(ContentType.JSON).body("{\"name\": \"" + network + "\", \"connection\": \"isolated\", \"subnet\": \""
                + net + "0/24\"}").post("/api/networks?host=" + cell).then().statusCode(201);
        if (!virshAt(peer, "net-info", network).matches("(?s).*Active:\\s+yes.*")) {
            api().contentType(ContentType.JSON).body("{}").post("/api/networks/" + network + "/activate?host=" + cell).then()
                    .statusCode(200);
        }
        api().contentType(ContentType.JSON).body("{\"gateway\": \"" + net + "1\", \"dns\": [\"" + net + "1\"]}")
                .post("/nano/address_pools/" + addresses).then().statusCode(200);
        api().contentType(ContentType.JSON).body("{\"end\": \"" + net + "40\", \"netmask\": \"255.255.255.0\"}")
                .post("/nano/address_pools/" + addresses + "/internal/ranges/" + net + "10").then().statusCode(200);
        api().contentType(ContentType.JSON).body("{\"storage\": \"" + storage + "\", \"network\": \"" + network
                + "\", \"address_pool\": \"" + addresses + "\"}").put("/nano/compute_pools/default").then().statusCode(200);
        api().contentType(ContentType.JSON).body("{\"enable\": false}").put("/nano/compute_pool_cells/default/local").then()
                .statusCode(200);
    }

    /** A Nano guest of 64 MiB with a 64 MiB system disk from {@code fromImage} and an 8 MiB data disk; made, shut off. */
    private static String nanoGuest(String name, String fromImage) {
        String id = api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"owner\": \"admin\", "
                        + "\"pool\": \"default\", \"cores\": 1, \"memory\": 64, \"disks\": [64, 8], \"auto_start\": false, "
                        + "\"from_image\": \"" + fromImage + "\"}")
                .post("/nano/guests/").then().statusCode(202).body("error_code", equalTo(0)).extract().path("data.id");
        guestIds.add(id);
        String task = await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/api/tasks?target_uri=/api/vms/" + name)
                .jsonPath().getString("[0].id"), found -> found != null);
        JsonPath done = awaitTask(task);
        assertThat(done.getString("status")).as(done.getString("message")).isEqualTo("finished");
        return id;
    }

    // looking at the cell

    /** A file of the second daemon's (its /var/lib/libvirt is its own) as this test sees it. */
    private static Path onPeer(String path) {
        return PEER_DIR.resolve(path.substring(1));
    }

    /** Runs a command in the second daemon's mount namespace, where its paths (and a backing file's) are what it sees. */
    private static String cellRun(String... command) throws IOException {
        String pid = Files.readString(PEER_DIR.resolve("run/libvirtd.pid")).strip();
        List<String> entered = new ArrayList<>(List.of("nsenter", "-t", pid, "-m", "--"));
        entered.addAll(List.of(command));
        return run(entered.toArray(String[]::new));
    }

    /** Whether the qcow2 disk at {@code path} on the cell holds {@code pattern} ("byte offset length", qemu-io's read -P). */
    private static boolean holds(String path, String pattern) throws IOException {
        String pid = Files.readString(PEER_DIR.resolve("run/libvirtd.pid")).strip();
        RealHypervisor.Result read = RealHypervisor.run("nsenter", "-t", pid, "-m", "--", "qemu-io", "-f", "qcow2", "-c",
                "read -P " + pattern, path);
        if (read.output().contains("Pattern verification failed")) {
            return false;
        }
        if (read.exitCode() != 0) {
            throw new AssertionError("qemu-io could not read " + path + ": " + read.output());
        }
        return true;
    }

    private static JsonPath cellImageInfo(String path) throws IOException {
        return JsonPath.from(cellRun("qemu-img", "info", "-U", "--output=json", path));
    }

    private static String volumeXml(String pool, String volume) {
        return virshAt(peer, "vol-dumpxml", "--pool", pool, volume);
    }

    /** The names of the image copies in the cell's pool. */
    private static List<String> imageVolumes() {
        virshAt(peer, "pool-refresh", storage);
        return virshAt(peer, "vol-list", storage).lines().map(String::strip).filter(line -> line.startsWith("image-"))
                .map(line -> line.split("\\s+")[0]).toList();
    }

    /** The data disk of the guest: its disk other than the system disk and the seed. */
    private static String dataDisk(String system) {
        return virshAt(peer, "domblklist", "--inactive", guest).lines().skip(2).map(String::strip)
                .filter(line -> !line.isEmpty()).map(line -> line.split("\\s+", 2)[1])
                .filter(path -> !path.equals(system) && !path.endsWith(".iso") && path.startsWith(storagePath))
                .findFirst().orElseThrow(() -> new AssertionError("no data disk of " + guest));
    }

    /** "mac ip" of each DHCP host entry of the cell's network, as libvirt has it. */
    private static List<String> dhcpHosts() throws Exception {
        Document xml = parse(virshAt(peer, "net-dumpxml", network));
        NodeList hosts = (NodeList) XPathFactory.newInstance().newXPath().evaluate("//ip/dhcp/host", xml, XPathConstants.NODESET);
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < hosts.getLength(); i++) {
            org.w3c.dom.Element host = (org.w3c.dom.Element) hosts.item(i);
            entries.add(host.getAttribute("mac").toLowerCase() + " " + host.getAttribute("ip"));
        }
        return entries;
    }

    /** The file of the domain's CD-ROM drive holding the seed (label cidata). */
    private static String seedDrive(String domainXml) throws Exception {
        String seed = XPathFactory.newInstance().newXPath().evaluate("//disk[@device='cdrom']/source/@file[contains(., "
                + "'-cidata.iso')]", parse(domainXml));
        assertThat(seed).as("a seed drive in %s", domainXml).isNotEmpty();
        return seed;
    }

    /** The guest's seed ISO as the cell's libvirt gives it out. */
    private static Path seedIso() {
        Path iso = scratch.resolve("seed-" + System.nanoTime() + ".iso");
        virshAt(peer, "vol-download", "--pool", SEEDS, guestId + "-cidata.iso", iso.toString());
        return iso;
    }

    /** A file of the ISO as xorriso reads it back. */
    private static String extract(Path iso, String name) throws IOException {
        Path out = scratch.resolve(name + "-" + System.nanoTime());
        run("xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/" + name, out.toString());
        return Files.readString(out);
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String run(String... command) {
        RealHypervisor.Result result = RealHypervisor.run(command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + result.output());
        }
        return result.output();
    }

    private static String text(JsonPath json, String path) {
        String value = json.getString(path);
        return value == null ? "" : value;
    }

    private static JsonPath awaitTask(String id) {
        return await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                .until(() -> api().get("/api/tasks/" + id).then().extract().jsonPath(),
                        task -> !"running".equals(task.getString("status")));
    }
}
