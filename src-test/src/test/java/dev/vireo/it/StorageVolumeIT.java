package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Volumes of the test driver's pool "default-pool" (real files: RealHypervisorIT). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StorageVolumeIT {

    private static final String VOLUMES = "/api/storagepools/default-pool/storagevolumes";

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void createsListsAndDeletesAVolume() {
        String name = "vol-" + UUID.randomUUID().toString().substring(0, 8) + ".qcow2";
        String task = create("{\"name\": \"" + name + "\", \"capacity\": 1048576, \"format\": \"qcow2\"}").statusCode(202)
                .body("target_uri", equalTo(VOLUMES + "/" + name)).extract().path("id");
        await().until(() -> "finished".equals(api().get("/api/tasks/" + task).then().extract().path("status")));

        api().get(VOLUMES).then().statusCode(200).body("name", hasItem(name));
        api().get("/plugins/kimchi/storagepools/default-pool/storagevolumes/" + name).then()
                .statusCode(200)
                .body("capacity", equalTo(1048576))
                .body("format", equalTo("qcow2"))
                .body("path", equalTo("/default-pool/" + name))
                .body("used_by", empty());
        create("{\"name\": \"" + name + "\", \"capacity\": 1}").statusCode(409).body("code", equalTo("STG0007E"));
        api().delete(VOLUMES + "/" + name).then().statusCode(204);
        api().get(VOLUMES + "/" + name).then().statusCode(404).body("code", equalTo("STG0006E"));
    }

    @Test
    void namesTheVmsThatUseAVolumeAndKeepsThoseVolumes() {
        String template = "voltpl-" + UUID.randomUUID().toString().substring(0, 8);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}").post("/api/templates").then().statusCode(201);
        String vm = template + "-vm";
        String task = api().contentType(ContentType.JSON).body("{\"template\": \"/api/templates/" + template + "\", \"name\": \""
                + vm + "\"}").post("/api/vms").then().statusCode(202).extract().path("id");
        await().until(() -> "finished".equals(api().get("/api/tasks/" + task).then().extract().path("status")));

        String volume = Vireo.diskVolume(vm, 0);
        api().get(VOLUMES + "/" + volume).then().statusCode(200).body("used_by", contains(vm));
        api().delete(VOLUMES + "/" + volume).then().statusCode(409).body("code", equalTo("STG0008E"));
        api().contentType(ContentType.JSON).body("{\"size\": 4294967296}").post(VOLUMES + "/" + volume + "/resize").then()
                .statusCode(409).body("code", equalTo("STG0008E"));
        api().delete("/api/vms/" + vm).then().statusCode(204);
        api().get(VOLUMES).then().body("name", not(hasItem(volume)));
    }

    @Test
    void refusesBadVolumes() {
        create("{\"name\": \"v1\", \"capacity\": 0}").statusCode(400).body("code", equalTo("STG0009E"));
        create("{\"name\": \"v1\", \"capacity\": 10, \"format\": \"zip\"}").statusCode(400).body("code", equalTo("STG0009E"));
        create("{\"name\": \"v1\", \"url\": \"ftp://example.org/x.img\"}").statusCode(400).body("code", equalTo("STG0011E"));
        create("{\"capacity\": 10}").statusCode(400).body("code", equalTo("API0010E"));
        create("{\"name\": \"../v1\", \"capacity\": 10}").statusCode(400).body("code", equalTo("NAME0001E"));
        api().contentType(ContentType.JSON).body("{\"name\": \"v\", \"capacity\": 10}")
                .post("/api/storagepools/no-such-pool/storagevolumes").then().statusCode(404).body("code", equalTo("STG0001E"));
        api().contentType(ContentType.JSON).body("{\"size\": 10}").post(VOLUMES + "/missing.img/resize").then()
                .statusCode(404).body("code", equalTo("STG0006E"));
        api().post(VOLUMES + "/missing.img/resize").then().statusCode(400).body("code", equalTo("API0010E"));
    }

    private static ValidatableResponse create(String json) {
        return api().contentType(ContentType.JSON).body(json).post(VOLUMES).then();
    }
}
