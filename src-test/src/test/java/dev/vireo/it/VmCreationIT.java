package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** VMs made from templates on the test driver (what the disks look like on a real host: RealHypervisorIT). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VmCreationIT {

    private String template;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void aTemplate() {
        template = "tpl-" + UUID.randomUUID().toString().substring(0, 8);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"os_distro\": \"fedora\", \"memory\": {\"current\": 512, \"maxmemory\": 1024},"
                        + " \"cpu_info\": {\"topology\": {\"sockets\": 1, \"cores\": 2, \"threads\": 1}},"
                        + " \"disks\": [{\"size\": 4, \"pool\": {\"name\": \"default-pool\"}},"
                        + " {\"size\": 1, \"format\": \"raw\", \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
    }

    @Test
    void createsAVmAsATaskAndTheVmIsWhatTheTemplateSays() {
        ValidatableResponse accepted = create("{\"template\": \"/plugins/kimchi/templates/" + template + "\","
                + " \"title\": \"Web <one>\", \"description\": \"front & back\"}")
                .statusCode(202)
                .header("Location", org.hamcrest.Matchers.containsString("/api/tasks/"))
                .body("status", equalTo("running"))
                .body("target_uri", equalTo("/api/vms/" + template + "-vm-1"));
        JsonPath task = awaitTask(accepted.extract().path("id"));
        org.assertj.core.api.Assertions.assertThat(task.getString("status")).isEqualTo("finished");
        org.assertj.core.api.Assertions.assertThat(task.getInt("progress")).isEqualTo(100);

        api().get("/api/vms/" + template + "-vm-1").then()
                .statusCode(200)
                .body("state", equalTo("shutoff"))
                .body("persistent", equalTo(true))
                .body("memory.current", equalTo(512))
                .body("memory.maxmemory", equalTo(1024))
                .body("cpu_info.vcpus", equalTo(2))
                .body("cpu_info.topology.cores", equalTo(2))
                .body("graphics.type", equalTo("vnc"))
                .body("graphics.listen", equalTo("127.0.0.1"))
                .body("title", equalTo("Web <one>"))
                .body("description", equalTo("front & back"))
                .body("bootorder", contains("hd", "network"));
        api().get("/api/vms").then().body("name", hasItem(template + "-vm-1"));
    }

    @Test
    void namesVmsAfterTheTemplateAndTakesOverrides() {
        finish(create("{\"template\": \"/api/templates/" + template + "\"}"));
        finish(create("{\"template\": \"/api/templates/" + template + "\", \"graphics\": {\"type\": \"spice\"}}"));
        api().get("/api/vms/" + template + "-vm-2").then()
                .statusCode(200)
                .body("graphics.type", equalTo("spice"));
        finish(create("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + template + "-web\"}"));
        api().get("/api/vms/" + template + "-web").then().statusCode(200);
    }

    @Test
    void refusesBadRequestsAtOnce() {
        String vm = template + "-x";
        finish(create("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + vm + "\"}"));
        create("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + vm + "\"}").statusCode(409)
                .body("code", equalTo("VMS0006E"))
                .body("reason", equalTo("A virtual machine named " + vm + " already exists"));
        create("{\"template\": \"/api/templates/no-such-template\"}").statusCode(400)
                .body("code", equalTo("VMS0007E"));
        create("{\"template\": \"fedora\"}").statusCode(400).body("code", equalTo("VMS0008E"));
        create("{\"name\": \"lonely\"}").statusCode(400).body("code", equalTo("API0010E"));
        create("{\"template\": \"/api/templates/" + template + "\", \"storagepool\": \"/plugins/kimchi/storagepools/nope\"}")
                .statusCode(400).body("code", equalTo("TMPL0005E"));
        create("{\"template\": \"/api/templates/" + template + "\", \"persistent\": false}").statusCode(400)
                .body("code", equalTo("VMS0009E"));
        create("{\"template\": \"/api/templates/" + template + "\", \"graphics\": {\"type\": \"vnc\", \"listen\": \"anywhere\"}}")
                .statusCode(400).body("code", equalTo("TMPL0009E"));
        create("{\"template\": \"/api/templates/" + template + "\", \"name\": \"../etc\"}").statusCode(400)
                .body("code", equalTo("NAME0001E"));
        api().get("/api/vms").then().body("name", not(hasItem("lonely")));
    }

    @Test
    void deletesAVmEvenWhileItRuns() {
        String vm = template + "-del";
        finish(create("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + vm + "\"}"));
        api().post("/api/vms/" + vm + "/start").then().statusCode(200).body("state", equalTo("running"));
        api().delete("/api/vms/" + vm).then().statusCode(204);
        api().get("/api/vms/" + vm).then().statusCode(404).body("code", equalTo("VMS0004E"));
        api().get("/api/vms").then().body("name", not(hasItem(vm)));
        api().delete("/plugins/kimchi/vms/" + vm).then().statusCode(404);
        // the volumes went with it: a VM of the same name can be made again
        finish(create("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + vm + "\"}"));
    }

    @Test
    void clonesAShutOffVmWithANewNameAndUuid() {
        String vm = template + "-orig";
        finish(create("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + vm + "\"}"));
        String uuid = api().get("/api/vms/" + vm).then().extract().path("uuid");

        ValidatableResponse accepted = api().post("/api/vms/" + vm + "/clone").then()
                .statusCode(202)
                .body("target_uri", equalTo("/api/vms/" + vm + "-clone1"));
        finish(accepted);
        api().get("/api/vms/" + vm + "-clone1").then()
                .statusCode(200)
                .body("uuid", not(equalTo(uuid)))
                .body("memory.current", equalTo(512))
                .body("cpu_info.topology.cores", equalTo(2));
        // the copies are named as Kimchi names a VM's volumes: by the clone's UUID
        api().get("/api/vms/" + vm + "-clone1/storages").then().statusCode(200)
                .body("[0].path", org.hamcrest.Matchers.endsWith("/" + Vireo.diskVolume(vm + "-clone1", 0)));
        finish(api().post("/plugins/kimchi/vms/" + vm + "/clone").then());
        api().get("/api/vms/" + vm + "-clone2").then().statusCode(200);

        api().post("/api/vms/" + vm + "/start").then().statusCode(200);
        api().post("/api/vms/" + vm + "/clone").then().statusCode(409).body("code", equalTo("VMS0005E"));
        api().post("/api/vms/no-such-vm/clone").then().statusCode(404).body("code", equalTo("VMS0004E"));
        // a clone owns its copies: deleting it leaves the original whole
        api().delete("/api/vms/" + vm + "-clone1").then().statusCode(204);
        api().get("/api/vms/" + vm).then().statusCode(200).body("state", equalTo("running"));
    }

    @Test
    void listsStorageDevicesAndSaysWhatTheTestDriverCannotChange() {
        String vm = template + "-disks";
        finish(create("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + vm + "\"}"));
        api().get("/api/vms/" + vm + "/storages").then()
                .statusCode(200)
                .body("dev", contains("vda", "vdb"))
                .body("type", contains("disk", "disk"))
                .body("bus", contains("virtio", "virtio"))
                .body("[1].path", org.hamcrest.Matchers.endsWith("/" + Vireo.diskVolume(vm, 1)));
        api().get("/plugins/kimchi/vms/" + vm + "/storages/vdb").then().statusCode(200).body("type", equalTo("disk"));
        api().get("/api/vms/" + vm + "/storages/hdz").then().statusCode(404).body("code", equalTo("VMS0012E"));

        // checked before libvirt is asked
        storage(vm, "{\"type\": \"floppy\"}").statusCode(400).body("code", equalTo("VMS0014E"));
        storage(vm, "{\"type\": \"cdrom\", \"path\": \"/etc/passwd\"}").statusCode(400).body("code", equalTo("VMS0014E"));
        storage(vm, "{\"type\": \"disk\", \"pool\": \"default-pool\", \"vol\": \"missing.qcow2\"}").statusCode(400)
                .body("code", equalTo("VMS0014E"));
        api().contentType(ContentType.JSON).body("{\"path\": \"\"}").put("/api/vms/" + vm + "/storages/vda").then()
                .statusCode(409).body("code", equalTo("VMS0015E"));
        // the test driver cannot attach devices (the real hypervisor can: RealHypervisorIT)
        storage(vm, "{\"type\": \"cdrom\", \"path\": \"https://example.org/boot.iso\"}").statusCode(409)
                .body("code", equalTo("HOST0002E"));
        api().get("/api/vms/" + vm + "/storages").then().body("dev", contains("vda", "vdb"));
    }

    private static ValidatableResponse storage(String vm, String json) {
        return api().contentType(ContentType.JSON).body(json).post("/api/vms/" + vm + "/storages").then();
    }

    private static ValidatableResponse create(String json) {
        return api().contentType(ContentType.JSON).body(json).post("/api/vms").then();
    }

    private static void finish(ValidatableResponse accepted) {
        JsonPath task = awaitTask(accepted.statusCode(202).extract().path("id"));
        org.assertj.core.api.Assertions.assertThat(task.getString("status"))
                .as("task %s: %s", task.getString("id"), task.getString("message")).isEqualTo("finished");
    }

    private static JsonPath awaitTask(String id) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/api/tasks/" + id).then().extract().jsonPath(),
                        task -> !"running".equals(task.getString("status")));
    }
}
