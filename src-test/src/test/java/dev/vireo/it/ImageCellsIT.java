package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Guests made from a disk image on a two-host zone of the test driver: the image lives in the
 * store on the default host, the guest on a cell whose storage pool is a real directory. The image
 * is copied to the cell once (the copy's bytes and SHA-256 are the image's, one row records it),
 * each guest's system disk is a thin qcow2 overlay on that copy, a second guest reuses it, a copy
 * gone from the cell is made anew, and refused requests change nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ImageCellsIT {

    @RegisterExtension
    final ZoneFixture zone = new ZoneFixture("imgc-", "imgc-tpl-");

    private final List<String> vms = new ArrayList<>();
    private final List<String> images = new ArrayList<>();
    private final List<String> peers = new ArrayList<>();
    private Path cellDirectory;
    private String storage;
    private String cell;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void cell() throws IOException {
        cellDirectory = Files.createTempDirectory("vireo-cell-");
        storage = "cellstore-" + zone.suffix();
        cell = zone.register("cell", new TestDriverHost().memoryMiB(4096).pool(storage, cellDirectory), false);
        api().contentType(ContentType.JSON).body("{\"storage\": \"" + storage + "\"}").put("/api/computepools/" + zone.pool())
                .then().statusCode(200);
    }

    @AfterEach
    void removeWhatWasMade() {
        vms.forEach(vm -> api().delete("/api/vms/" + vm));
        images.forEach(image -> api().delete("/api/images/" + image));
    }

    @Test
    void aGuestFromADiskImageIsAnOverlayOnTheCellsOneCopyWhichTheNextGuestReuses() throws Exception {
        byte[] content = randomBytes(2 * 1024 * 1024);
        String image = readyDiskImage("base-" + zone.suffix(), content);
        String checksum = sha256(content);
        api().get("/api/images/" + image).then().body("checksum", equalTo(checksum));

        // Nano: the guest lands on the cell of the compute pool, its system disk an overlay on the cell's copy
        String first = "imgc-a-" + zone.suffix();
        vms.add(first);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + first + "\", \"pool\": \"" + zone.pool() + "\", "
                        + "\"cores\": 1, \"memory\": 64, \"disks\": [16], \"auto_start\": false, \"from_image\": \"" + image + "\"}")
                .post("/nano/guests/").then().statusCode(202).body("error_code", equalTo(0));
        finishedTaskOf(first);
        String copyName = "image-" + image + ".qcow2";
        Path copyFile = cellDirectory.resolve(copyName);
        api().get("/api/vms/" + first).then().statusCode(200).body("host", equalTo(cell));
        JsonPath system = api().get("/api/vms/" + first + "/system").then().statusCode(200).extract().jsonPath();
        assertThat(system.getString("backing")).isEqualTo(copyFile.toString());
        assertThat(system.getString("image")).as("the image of a guest on a cell, by its copy's row").isEqualTo(image);
        assertThat(system.getString("format")).isEqualTo("qcow2");
        assertThat(system.getLong("capacity")).isEqualTo(16L * 1024 * 1024);
        api().get("/api/storagepools/" + storage + "/storagevolumes/" + copyName + "?host=" + cell).then().statusCode(200)
                .body("path", equalTo(copyFile.toString()));
        assertThat(Files.readAllBytes(copyFile)).isEqualTo(content);
        List<String> row = copyRow(image);
        assertThat(row).containsExactly(checksum, cell, storage, copyName);
        long rowId = copyRowId(image);
        FileTime copied = Files.getLastModifiedTime(copyFile);

        // natively: a second guest on the cell uses the same copy, none is made again
        String second = "imgc-b-" + zone.suffix();
        vms.add(second);
        ZoneFixture.finished(api().contentType(ContentType.JSON).body("{\"name\": \"" + second + "\", \"host\": \"" + cell
                        + "\", \"storagepool\": \"" + storage + "\", \"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [1], "
                        + "\"from_image\": \"" + image + "\"}}")
                .post("/api/vms").then());
        api().get("/api/vms/" + second + "/system").then().statusCode(200).body("backing", equalTo(copyFile.toString()))
                .body("capacity", equalTo(content.length)).body("image", equalTo(image));
        assertThat(copyRowId(image)).isEqualTo(rowId);
        assertThat(Files.getLastModifiedTime(copyFile)).isEqualTo(copied);
        assertThat(imageVolumesOnCell()).containsExactly(copyName);

        // a copy gone from the cell is made anew for the next guest, and recorded in place of the old row
        api().delete("/api/storagepools/" + storage + "/storagevolumes/" + copyName + "?host=" + cell).then().statusCode(204);
        Files.deleteIfExists(copyFile);
        String third = "imgc-c-" + zone.suffix();
        vms.add(third);
        ZoneFixture.finished(api().contentType(ContentType.JSON).body("{\"name\": \"" + third + "\", \"host\": \"" + cell
                        + "\", \"storagepool\": \"" + storage + "\", \"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [16], "
                        + "\"from_image\": \"" + image + "\"}}")
                .post("/api/vms").then());
        assertThat(Files.readAllBytes(copyFile)).isEqualTo(content);
        assertThat(copyRowId(image)).isNotEqualTo(rowId);
        assertThat(copyRow(image)).containsExactly(checksum, cell, storage, copyName);

        // on the default host the store's own volume is the base: no copy, no row
        String local = "imgc-d-" + zone.suffix();
        vms.add(local);
        ZoneFixture.finished(api().contentType(ContentType.JSON).body("{\"name\": \"" + local + "\", \"host\": \"local\", "
                        + "\"storagepool\": \"default-pool\", \"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [16], "
                        + "\"from_image\": \"" + image + "\"}}")
                .post("/api/vms").then());
        String stored = api().get("/api/storagepools/vireo-images/storagevolumes/" + image + ".qcow2").then().statusCode(200)
                .extract().path("path");
        api().get("/api/vms/" + local + "/system").then().statusCode(200).body("backing", equalTo(stored))
                .body("image", equalTo(image));
        assertThat(copyRows(image)).isOne();

        // in use: the image is not deleted, natively nor through Nano, while guests are overlays on it or its copy
        String refusal = api().delete("/api/images/" + image).then().statusCode(409).body("code", equalTo("IMG0021E"))
                .extract().path("reason");
        assertThat(refusal).contains(first, second, third, local);
        api().delete("/nano/disk_images/" + image).then().statusCode(409).body("data.code", equalTo("IMG0021E"));
        api().get("/api/images/" + image).then().statusCode(200).body("state", equalTo("ready"));
        api().get("/api/storagepools/vireo-images/storagevolumes/" + image + ".qcow2").then().statusCode(200);
        assertThat(Files.readAllBytes(copyFile)).isEqualTo(content);
        assertThat(copyRows(image)).isOne();

        // the guest on the default host and one on the cell gone, the others still hold the cell's copy
        api().delete("/api/vms/" + local).then().statusCode(204);
        api().delete("/api/vms/" + first).then().statusCode(204);
        refusal = api().delete("/api/images/" + image).then().statusCode(409).extract().path("reason");
        assertThat(refusal).contains(second, third).doesNotContain(first).doesNotContain(local);

        // unused: the image goes, with its copy on the cell (libvirt's volume, its file, its row)
        api().delete("/api/vms/" + second).then().statusCode(204);
        api().delete("/api/vms/" + third).then().statusCode(204);
        api().delete("/api/images/" + image).then().statusCode(204);
        api().get("/api/images/" + image).then().statusCode(404);
        api().get("/api/storagepools/vireo-images/storagevolumes/" + image + ".qcow2").then().statusCode(404);
        assertThat(imageVolumesOnCell()).isEmpty();
        assertThat(copyFile).doesNotExist();
        assertThat(copyRows(image)).isZero();
    }

    @Test
    void anUnknownUnreadyOrMediaImageAndBadBodiesAreRefusedAndChangeNothing() throws Exception {
        String media = api().contentType(ContentType.JSON).body("{\"kind\": \"media\", \"name\": \"m-" + zone.suffix() + "\"}")
                .post("/api/images").then().statusCode(201).extract().path("id");
        images.add(media);
        String empty = api().contentType(ContentType.JSON).body("{\"kind\": \"disk\", \"name\": \"e-" + zone.suffix() + "\"}")
                .post("/api/images").then().statusCode(201).extract().path("id");
        images.add(empty);
        String name = "imgc-x-" + zone.suffix();
        String spec = "\"cpus\": 1, \"memory\": 64, \"disks\": [16]";
        String nano = "{\"name\": \"" + name + "\", \"pool\": \"" + zone.pool() + "\", \"cores\": 1, \"memory\": 64, "
                + "\"disks\": [16], \"from_image\": ";
        api().contentType(ContentType.JSON).body(nano + "\"no-such-image\"}").post("/nano/guests/").then().statusCode(404)
                .body("error_code", equalTo(404)).body("data.code", equalTo("IMG0001E"));
        api().contentType(ContentType.JSON).body(nano + "\"" + media + "\"}").post("/nano/guests/").then().statusCode(400)
                .body("data.code", equalTo("IMG0018E"));
        api().contentType(ContentType.JSON).body(nano + "\"" + empty + "\"}").post("/nano/guests/").then().statusCode(409)
                .body("data.code", equalTo("IMG0003E"));
        api().contentType(ContentType.JSON).body(nano + "{\"id\": 7}}").post("/nano/guests/").then().statusCode(400);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"host\": \"" + cell + "\", \"spec\": {" + spec
                        + ", \"from_image\": \"" + "x".repeat(200) + "\"}}").post("/api/vms").then().statusCode(404)
                .body("code", equalTo("IMG0001E"));
        api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"host\": \"" + cell + "\", \"spec\": {" + spec
                + ", \"from_image\": [\"" + media + "\"]}}").post("/api/vms").then().statusCode(400);

        api().get("/api/vms/" + name).then().statusCode(404);
        assertThat(copyRows(media) + copyRows(empty)).isZero();
        assertThat(imageVolumesOnCell()).isEmpty();
        try (var files = Files.list(cellDirectory)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aGuestBeingMadeFromAnImageKeepsItFromBeingDeletedUntilItIsMade() throws Exception {
        byte[] content = randomBytes(1024 * 1024);
        String image = readyDiskImage("made-" + zone.suffix(), content);
        // another server's task is copying the image to the cell: this creation waits for that copy, in its task
        String peer = peer();
        holdOnPeer(peer, "copy of image", cell, image, "vm.create (task 991)", 991L);
        String guest = "imgc-m-" + zone.suffix();
        vms.add(guest);
        String task = api().contentType(ContentType.JSON).body("{\"name\": \"" + guest + "\", \"host\": \"" + cell
                        + "\", \"storagepool\": \"" + storage + "\", \"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [16], "
                        + "\"from_image\": \"" + image + "\"}}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        assertThat(imageUses(image)).containsExactly(image + "/admin/" + guest);

        // the guest's creation runs: the image is not deleted, natively nor through Nano, and the refusal names it
        beat(peer);
        String refusal = api().delete("/api/images/" + image).then().statusCode(409).body("code", equalTo("IMG0021E"))
                .extract().path("reason");
        assertThat(refusal).contains(guest + " (being made by vm.create (task " + task + "))");
        api().delete("/nano/disk_images/" + image).then().statusCode(409).body("data.code", equalTo("IMG0021E"));
        api().get("/api/images/" + image).then().statusCode(200).body("state", equalTo("ready"));
        api().get("/api/storagepools/vireo-images/storagevolumes/" + image + ".qcow2").then().statusCode(200);
        assertThat(api().get("/api/tasks/" + task).then().extract().<String>path("status")).isEqualTo("running");
        assertThat(imageUses(image)).containsExactly(image + "/admin/" + guest);
        assertThat(heldImages(image)).isZero();

        // the copy's other maker lets go: the guest is made on the image, whose delete is then refused for the guest itself
        release(peer);
        JsonPath made = ZoneFixture.ended(task);
        assertThat(made.getString("status")).as(made.getString("message")).isEqualTo("finished");
        api().get("/api/vms/" + guest + "/system").then().statusCode(200)
                .body("backing", equalTo(cellDirectory.resolve("image-" + image + ".qcow2").toString()));
        assertThat(imageUses(image)).isEmpty();
        refusal = api().delete("/api/images/" + image).then().statusCode(409).extract().path("reason");
        assertThat(refusal).contains(guest).doesNotContain("being made");

        api().delete("/api/vms/" + guest).then().statusCode(204);
        api().delete("/api/images/" + image).then().statusCode(204);
        assertThat(copyRows(image)).isZero();
    }

    @Test
    void anImageBeingDeletedIsRefusedToANewGuestWhichIsNotMade() throws Exception {
        String image = readyDiskImage("going-" + zone.suffix(), randomBytes(64 * 1024));
        // another server is deleting the image
        String peer = peer();
        holdOnPeer(peer, "image", null, image, "image.delete", null);
        String guest = "imgc-g-" + zone.suffix();
        vms.add(guest);

        String refusal = api().contentType(ContentType.JSON).body("{\"name\": \"" + guest + "\", \"host\": \"" + cell
                        + "\", \"storagepool\": \"" + storage + "\", \"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [16], "
                        + "\"from_image\": \"" + image + "\"}}")
                .post("/api/vms").then().statusCode(409).body("code", equalTo("IMG0023E")).extract().path("reason");
        assertThat(refusal).contains(image, "image.delete on server node " + peer);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + guest + "\", \"pool\": \"" + zone.pool() + "\", "
                        + "\"cores\": 1, \"memory\": 64, \"disks\": [16], \"from_image\": \"" + image + "\"}")
                .post("/nano/guests/").then().statusCode(409).body("data.code", equalTo("IMG0023E"));

        api().get("/api/vms/" + guest).then().statusCode(404);
        assertThat(imageUses(image)).isEmpty();
        assertThat(copyRows(image)).isZero();
        assertThat(imageVolumesOnCell()).isEmpty();

        // once that delete is over (here: it let go without deleting), the image makes guests again
        release(peer);
        ZoneFixture.finished(api().contentType(ContentType.JSON).body("{\"name\": \"" + guest + "\", \"host\": \"" + cell
                        + "\", \"storagepool\": \"" + storage + "\", \"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [16], "
                        + "\"from_image\": \"" + image + "\"}}")
                .post("/api/vms").then());
        api().get("/api/vms/" + guest).then().statusCode(200);
    }

    @Test
    void aSystemDiskBeingResetFromAnImageKeepsItFromBeingDeletedAndAnImageBeingDeletedIsNotResetFrom() throws Exception {
        String made = readyDiskImage("from-" + zone.suffix(), randomBytes(1024 * 1024));
        String reset = readyDiskImage("reset-" + zone.suffix(), randomBytes(512 * 1024));
        String guest = "imgc-r-" + zone.suffix();
        vms.add(guest);
        ZoneFixture.finished(api().contentType(ContentType.JSON).body("{\"name\": \"" + guest + "\", \"host\": \"" + cell
                        + "\", \"storagepool\": \"" + storage + "\", \"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [16], "
                        + "\"from_image\": \"" + made + "\"}}")
                .post("/api/vms").then());
        String madeCopy = cellDirectory.resolve("image-" + made + ".qcow2").toString();
        String resetCopy = cellDirectory.resolve("image-" + reset + ".qcow2").toString();
        String systemVolume = api().get("/api/vms/" + guest + "/system").then().statusCode(200)
                .body("backing", equalTo(madeCopy)).body("image", equalTo(made)).extract().path("volume");

        // another server's task is copying the image to the cell: the reset's task waits for that copy, holding the image
        String peer = peer();
        holdOnPeer(peer, "copy of image", cell, reset, "vm.create (task 993)", 993L);
        String task = api().contentType(ContentType.JSON).body("{\"image\": \"" + reset + "\"}")
                .put("/api/vms/" + guest + "/system").then().statusCode(202).extract().path("id");
        assertThat(imageResets(reset)).containsExactly(reset + "/admin/" + guest);

        // meanwhile the image is not deleted, natively nor through Nano, and the refusal names the reset
        beat(peer);
        String refusal = api().delete("/api/images/" + reset).then().statusCode(409).body("code", equalTo("IMG0021E"))
                .extract().path("reason");
        assertThat(refusal).contains(guest + " (being reset by vm.reset-system (task " + task + "))");
        api().delete("/nano/disk_images/" + reset).then().statusCode(409).body("data.code", equalTo("IMG0021E"));
        api().get("/api/images/" + reset).then().statusCode(200).body("state", equalTo("ready"));
        api().get("/api/storagepools/vireo-images/storagevolumes/" + reset + ".qcow2").then().statusCode(200);
        assertThat(api().get("/api/tasks/" + task).then().extract().<String>path("status")).isEqualTo("running");
        api().get("/api/vms/" + guest + "/system").then().statusCode(200).body("backing", equalTo(madeCopy));
        assertThat(heldImages(reset)).isZero();

        // the copy's other maker lets go: the disk is reset onto the cell's copy and the hold is gone with the task
        release(peer);
        JsonPath done = ZoneFixture.ended(task);
        assertThat(done.getString("status")).as(done.getString("message")).isEqualTo("finished");
        api().get("/api/vms/" + guest + "/system").then().statusCode(200).body("volume", equalTo(systemVolume))
                .body("backing", equalTo(resetCopy)).body("image", equalTo(reset));
        assertThat(imageResets(reset)).isEmpty();
        refusal = api().delete("/api/images/" + reset).then().statusCode(409).extract().path("reason");
        assertThat(refusal).contains(guest).doesNotContain("being reset");

        // another server is deleting the first image: no reset from it, natively nor through Nano, and nothing changes
        holdOnPeer(peer, "image", null, made, "image.delete", null);
        int tasks = tasksOf(guest);
        refusal = api().contentType(ContentType.JSON).body("{\"image\": \"" + made + "\"}").put("/api/vms/" + guest + "/system")
                .then().statusCode(409).body("code", equalTo("IMG0023E")).extract().path("reason");
        assertThat(refusal).contains(made, "image.delete on server node " + peer);
        String uuid = api().get("/api/vms/" + guest).then().statusCode(200).extract().path("uuid");
        api().contentType(ContentType.JSON).body("{\"from_image\": \"" + made + "\"}").put("/nano/guest/" + uuid + "/system/")
                .then().statusCode(409).body("data.code", equalTo("IMG0023E"));
        assertThat(tasksOf(guest)).isEqualTo(tasks);
        assertThat(imageResets(made)).isEmpty();
        api().get("/api/vms/" + guest + "/system").then().statusCode(200).body("backing", equalTo(resetCopy))
                .body("image", equalTo(reset));

        // once that delete is over (here: it let go without deleting), the disk is reset from the image again
        release(peer);
        ZoneFixture.finished(api().contentType(ContentType.JSON).body("{\"image\": \"" + made + "\"}")
                .put("/api/vms/" + guest + "/system").then());
        api().get("/api/vms/" + guest + "/system").then().statusCode(200).body("backing", equalTo(madeCopy))
                .body("image", equalTo(made));
    }

    /** How many tasks there are of the VM. */
    private static int tasksOf(String vm) {
        return api().get("/api/tasks?target_uri=/api/vms/" + vm).then().statusCode(200).extract().jsonPath()
                .getList("id").size();
    }

    /** A live server node of the zone's database, as a second server would be; forgotten after the test. */
    private String peer() throws SQLException {
        String name = "imgc-peer-" + zone.suffix();
        peers.add(name);
        try (Connection db = Vireo.database();
             PreparedStatement insert = db.prepareStatement("insert into server_node (name, started, heartbeat) values (?, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
            insert.setString(1, name);
            insert.setTimestamp(2, now);
            insert.setTimestamp(3, now);
            insert.executeUpdate();
        }
        return name;
    }

    /** The peer's heartbeat, now: it stays alive for what follows. */
    private static void beat(String peer) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement update = db.prepareStatement("update server_node set heartbeat = ? where name = ?")) {
            update.setTimestamp(1, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)));
            update.setString(2, peer);
            update.executeUpdate();
        }
    }

    /** The lock row the peer's operation {@code holder} writes when it takes a target. */
    private static void holdOnPeer(String peer, String kind, String host, String name, String holder, Long task)
            throws SQLException {
        try (Connection db = Vireo.database(); PreparedStatement insert = db.prepareStatement("insert into operation_lock"
                + " (target_key, host, kind, name, owner, holder, task, node, acquired) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, kind + "|" + (host == null ? "" : host) + "|" + name);
            insert.setString(2, host);
            insert.setString(3, kind);
            insert.setString(4, name);
            insert.setString(5, UUID.randomUUID().toString());
            insert.setString(6, holder);
            insert.setObject(7, task);
            insert.setString(8, peer);
            insert.setTimestamp(9, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)));
            insert.executeUpdate();
        }
    }

    private static void release(String peer) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement delete = db.prepareStatement("delete from operation_lock where node = ?")) {
            delete.setString(1, peer);
            delete.executeUpdate();
        }
    }

    @AfterEach
    void forgetPeers() throws SQLException {
        for (String peer : peers) {
            release(peer);
            try (Connection db = Vireo.database();
                 PreparedStatement delete = db.prepareStatement("delete from server_node where name = ?")) {
                delete.setString(1, peer);
                delete.executeUpdate();
            }
        }
    }

    /** The guests being made from the image, as their creations hold it ({@code image/owner/guest}). */
    private static List<String> imageUses(String image) throws SQLException {
        return holds("guest made from image", image);
    }

    /** The guests whose system disk is being reset from the image, as their resets hold it ({@code image/owner/guest}). */
    private static List<String> imageResets(String image) throws SQLException {
        return holds("guest reset from image", image);
    }

    private static List<String> holds(String kind, String image) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select name from operation_lock where kind = ? and name like ?")) {
            query.setString(1, kind);
            query.setString(2, image + "/%");
            List<String> names = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }

    /** How many deletes hold the image now. */
    private static int heldImages(String image) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select count(*) from operation_lock where kind = 'image' and name = ?")) {
            query.setString(1, image);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** A ready disk image of this content; removed after the test. */
    private String readyDiskImage(String name, byte[] content) {
        String id = api().contentType(ContentType.JSON).body("{\"kind\": \"disk\", \"name\": \"" + name + "\"}")
                .post("/api/images").then().statusCode(201).extract().path("id");
        images.add(id);
        api().contentType(ContentType.BINARY).body(content).put("/api/images/" + id + "/content").then().statusCode(200)
                .body("state", equalTo("ready"));
        return id;
    }

    /** The names of the image copies libvirt has in the cell's pool. */
    private List<String> imageVolumesOnCell() {
        return api().get("/api/storagepools/" + storage + "/storagevolumes?host=" + cell).then().statusCode(200).extract()
                .jsonPath().getList("name", String.class).stream().filter(volume -> volume.startsWith("image-")).toList();
    }

    private static void finishedTaskOf(String vm) {
        String id = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> api().get("/api/tasks?target_uri=/api/vms/" + vm).jsonPath().getString("[0].id"),
                        found -> found != null);
        JsonPath task = ZoneFixture.ended(id);
        assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");
    }

    private static List<String> copyRow(String image) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement(
                     "select checksum, host, pool, volume from image_copy where image_public_id = ?")) {
            query.setString(1, image);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("a copy row of image " + image).isTrue();
                List<String> row = List.of(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4));
                assertThat(rows.next()).as("one copy row of image " + image).isFalse();
                return row;
            }
        }
    }

    private static long copyRowId(String image) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select id from image_copy where image_public_id = ?")) {
            query.setString(1, image);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getLong(1);
            }
        }
    }

    private static int copyRows(String image) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select count(*) from image_copy where image_public_id = ?")) {
            query.setString(1, image);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
