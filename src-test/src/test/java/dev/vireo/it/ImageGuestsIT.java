package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Disk images and VMs on the test driver: a disk image captured from a shut-off VM's system disk
 * (a volume of the image store), the system disk reset to a thin qcow2 overlay of an image (its
 * backing store as libvirt shows it) with the other disk untouched, natively and through Nano, and
 * the refusals that change nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ImageGuestsIT {

    private static final String POOL = "vireo-images";
    private static final String STORE = "/api/storagepools/vireo-images/storagevolumes/";

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void aVmsSystemDiskBecomesAnImageAndIsResetFromOneWhileItsOtherDiskStays() throws SQLException {
        String vm = vm();
        String systemVolume = Vireo.diskVolume(vm, 0);
        String dataVolume = Vireo.diskVolume(vm, 1);
        JsonPath dataBefore = api().get("/api/storagepools/" + POOL + "/storagevolumes/" + dataVolume).then().statusCode(200)
                .extract().jsonPath();
        api().get("/api/vms/" + vm + "/system").then().statusCode(200).body("volume", equalTo(systemVolume))
                .body("backing", nullValue()).body("image", nullValue());
        long systemCapacity = api().get("/api/vms/" + vm + "/system").then().extract().jsonPath().getLong("capacity");

        JsonPath captured = finished(api().contentType(ContentType.JSON)
                .body("{\"name\": \"captured-" + suffix + "\", \"tags\": [\"captured\"]}")
                .post("/api/vms/" + vm + "/system/capture").then().statusCode(202).extract().path("id"));
        String image = captured.getString("target_uri").replace("/api/images/", "");
        api().get("/api/images/" + image).then().statusCode(200).body("kind", equalTo("disk")).body("state", equalTo("ready"))
                .body("name", equalTo("captured-" + suffix)).body("owner", equalTo("admin"));
        JsonPath stored = api().get(STORE + image + ".qcow2").then().statusCode(200).extract().jsonPath();
        assertThat(stored.getString("format")).isEqualTo("qcow2");
        assertThat(stored.getLong("capacity")).isEqualTo(systemCapacity);

        finished(api().contentType(ContentType.JSON).body("{\"image\": \"" + image + "\"}").put("/api/vms/" + vm + "/system")
                .then().statusCode(202).extract().path("id"));
        api().get("/api/vms/" + vm + "/system").then().statusCode(200).body("volume", equalTo(systemVolume))
                .body("format", equalTo("qcow2")).body("backing", equalTo(stored.getString("path")))
                .body("image", equalTo(image));
        JsonPath dataAfter = api().get("/api/storagepools/" + POOL + "/storagevolumes/" + dataVolume).then().statusCode(200)
                .extract().jsonPath();
        assertThat(dataAfter.getString("path")).isEqualTo(dataBefore.getString("path"));
        assertThat(dataAfter.getLong("capacity")).isEqualTo(dataBefore.getLong("capacity"));
        api().get("/api/vms/" + vm).then().body("state", equalTo("shutoff"));

        // Nano: capture from the guest (by its id), then reset the guest's system disk from that image
        String guest = api().get("/api/vms/" + vm).then().extract().path("uuid");
        String nanoImage = api().contentType(ContentType.JSON).body("{\"name\": \"nano-" + suffix + "\", \"guest\": \"" + guest
                        + "\", \"owner\": \"admin\", \"group\": \"admins\", \"tags\": [\"linux\"]}")
                .post("/nano/disk_images/").then().statusCode(202).body("error_code", equalTo(0)).extract().path("data.id");
        await().atMost(Duration.ofSeconds(60)).until(() -> api().get("/nano/disk_images/" + nanoImage).then().statusCode(200)
                .extract().<Boolean>path("data.created"));
        String task = api().contentType(ContentType.JSON).body("{\"from_image\": \"" + nanoImage + "\"}")
                .put("/nano/guest/" + guest + "/system/").then().statusCode(202).body("error_code", equalTo(0))
                .extract().path("data.task");
        finished(task);
        api().get("/api/vms/" + vm + "/system").then().body("image", equalTo(nanoImage));
        assertThat(count("nano-" + suffix)).isOne();
    }

    @Test
    void aRunningVmAnUnknownOrWrongImageAndBadBodiesAreRefusedAndChangeNothing() throws SQLException {
        String vm = vm();
        String systemVolume = Vireo.diskVolume(vm, 0);
        String media = api().contentType(ContentType.JSON).body("{\"kind\": \"media\", \"name\": \"m-" + suffix + "\"}")
                .post("/api/images").then().statusCode(201).extract().path("id");
        api().contentType(ContentType.JSON).body("{\"image\": \"" + media + "\"}").put("/api/vms/" + vm + "/system")
                .then().statusCode(400).body("code", equalTo("IMG0018E"));
        api().contentType(ContentType.JSON).body("{\"image\": \"no-such-image\"}").put("/api/vms/" + vm + "/system")
                .then().statusCode(404).body("code", equalTo("IMG0001E"));
        api().contentType(ContentType.JSON).body("{}").put("/api/vms/" + vm + "/system")
                .then().statusCode(400).body("code", equalTo("API0010E"));
        api().contentType(ContentType.JSON).body("{\"image\": 7}").put("/api/vms/" + vm + "/system")
                .then().statusCode(400);
        api().contentType(ContentType.JSON).body("{\"name\": \"-bad\"}").post("/api/vms/" + vm + "/system/capture")
                .then().statusCode(400).body("code", equalTo("NAME0001E"));
        api().contentType(ContentType.JSON).body("{\"name\": \"x-" + suffix + "\"}").post("/api/vms/no-such-vm/system/capture")
                .then().statusCode(404);
        api().contentType(ContentType.JSON).body("{\"name\": \"x-" + suffix + "\"}").post("/nano/disk_images/")
                .then().statusCode(400).body("data.code", equalTo("API0010E"));

        api().post("/api/vms/" + vm + "/start").then().statusCode(200);
        api().contentType(ContentType.JSON).body("{\"name\": \"x-" + suffix + "\"}").post("/api/vms/" + vm + "/system/capture")
                .then().statusCode(409).body("code", equalTo("IMG0015E"));
        String disk = api().contentType(ContentType.JSON).body("{\"kind\": \"disk\", \"name\": \"d-" + suffix + "\"}")
                .post("/api/images").then().statusCode(201).extract().path("id");
        api().contentType(ContentType.JSON).body("{\"image\": \"" + disk + "\"}").put("/api/vms/" + vm + "/system")
                .then().statusCode(409).body("code", equalTo("IMG0015E"));
        assertThat(count("x-" + suffix)).isZero();
        api().get("/api/vms/" + vm + "/system").then().body("volume", equalTo(systemVolume)).body("backing", nullValue());
        api().post("/api/vms/" + vm + "/poweroff").then().statusCode(200);
        api().delete("/api/images/" + media).then().statusCode(204);
        api().delete("/api/images/" + disk).then().statusCode(204);
    }

    /**
     * A shut-off VM with two disks, the system disk and a data disk, in the image store's pool: the
     * test driver copies a volume only within its pool (its virStorageVolCreateXMLFrom looks for the
     * source in the target pool), where a real host copies across pools.
     */
    private String vm() {
        // the store's pool is made with the first image content
        String store = api().contentType(ContentType.JSON).body("{\"kind\": \"media\", \"name\": \"s-" + suffix + "\"}")
                .post("/api/images").then().statusCode(201).extract().path("id");
        api().contentType(ContentType.BINARY).body(new byte[16]).put("/api/images/" + store + "/content").then().statusCode(200);
        String template = "img-tpl-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"memory\": {\"current\": 256, \"maxmemory\": 512}, \"disks\": [{\"size\": 2, \"pool\": {\"name\": \""
                        + POOL + "\"}}, {\"size\": 1, \"pool\": {\"name\": \"" + POOL + "\"}}]}")
                .post("/api/templates").then().statusCode(201);
        String vm = "img-vm-" + suffix;
        finished(api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + vm + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id"));
        return vm;
    }

    private static JsonPath finished(String taskId) {
        JsonPath[] task = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            task[0] = api().get("/api/tasks/" + taskId).then().extract().jsonPath();
            return !"running".equals(task[0].getString("status"));
        });
        assertThat(task[0].getString("status")).as(task[0].getString("message")).isEqualTo("finished");
        return task[0];
    }

    private static int count(String name) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select count(*) from image where name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
