package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
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

/** Storage pools on the test driver (real directories: RealHypervisorIT). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoragePoolIT {

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void createsStopsStartsAndRemovesADirPool() {
        String pool = "pool-" + UUID.randomUUID().toString().substring(0, 8);
        create("{\"name\": \"" + pool + "\", \"type\": \"dir\", \"path\": \"/srv/" + pool + "\"}")
                .statusCode(201)
                .header("Location", endsWith("/api/storagepools/" + pool))
                .body("state", equalTo("active"))
                .body("type", equalTo("dir"))
                .body("path", equalTo("/srv/" + pool))
                .body("autostart", equalTo(true))
                .body("persistent", equalTo(true))
                .body("nr_volumes", equalTo(0));
        api().get("/api/storagepools").then().body("name", hasItem(pool));
        api().get("/plugins/kimchi/storagepools/" + pool).then().statusCode(200).body("name", equalTo(pool));

        api().post("/api/storagepools/" + pool + "/deactivate").then().statusCode(200)
                .body("state", equalTo("inactive")).body("capacity", equalTo(0));
        api().post("/api/storagepools/" + pool + "/activate").then().statusCode(200).body("state", equalTo("active"));
        api().contentType(ContentType.JSON).body("{\"autostart\": false}").put("/api/storagepools/" + pool).then()
                .statusCode(200).body("autostart", equalTo(false));

        api().delete("/api/storagepools/" + pool).then().statusCode(204);
        api().get("/api/storagepools/" + pool).then().statusCode(404).body("code", equalTo("STG0001E"));
        api().get("/api/storagepools").then().body("name", not(hasItem(pool)));
    }

    @Test
    void refusesToRemoveAPoolThatATemplateOrAVmUses() {
        String pool = "used-" + UUID.randomUUID().toString().substring(0, 8);
        create("{\"name\": \"" + pool + "\", \"type\": \"dir\", \"path\": \"/srv/" + pool + "\"}").statusCode(201);
        String template = pool + "-tpl";
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]}").post("/api/templates").then().statusCode(201);
        api().delete("/api/storagepools/" + pool).then()
                .statusCode(409)
                .body("code", equalTo("STG0003E"))
                .body("reason", containsString("template " + template));
        String task = api().contentType(ContentType.JSON).body("{\"template\": \"/api/templates/" + template + "\", \"name\": \""
                + pool + "-vm\"}").post("/api/vms").then().statusCode(202).extract().path("id");
        org.awaitility.Awaitility.await().until(() ->
                "finished".equals(api().get("/api/tasks/" + task).then().extract().path("status")));
        api().delete("/api/templates/" + template).then().statusCode(204);
        api().post("/api/storagepools/" + pool + "/deactivate").then().statusCode(409)
                .body("reason", containsString("virtual machine " + pool + "-vm"));
        api().delete("/api/vms/" + pool + "-vm").then().statusCode(204);
        api().delete("/api/storagepools/" + pool).then().statusCode(204);
    }

    @Test
    void refusesWhatItCannotCreate() {
        create("{\"name\": \"x1\", \"type\": \"iscsi\"}").statusCode(400).body("code", equalTo("STG0018E"));
        create("{\"name\": \"x1\", \"type\": \"ceph\"}").statusCode(400).body("code", equalTo("STG0005E"));
        create("{\"name\": \"x1\", \"type\": \"dir\", \"path\": \"relative\"}").statusCode(400).body("code", equalTo("STG0005E"));
        create("{\"name\": \"x1\", \"type\": \"dir\", \"path\": \"/srv/../etc\"}").statusCode(400).body("code", equalTo("STG0005E"));
        create("{\"name\": \"x1\", \"type\": \"dir\"}").statusCode(400).body("code", equalTo("API0010E"));
        create("{\"name\": \"../x\", \"type\": \"dir\", \"path\": \"/srv/x\"}").statusCode(400).body("code", equalTo("NAME0001E"));
        create("{\"name\": \"default-pool\", \"type\": \"dir\", \"path\": \"/srv/y\"}").statusCode(409).body("code", equalTo("STG0002E"));
        api().post("/api/storagepools/no-such-pool/activate").then().statusCode(404).body("code", equalTo("STG0001E"));
        api().get("/api/storagepools").then().body("name", not(hasItem("x1")));
    }

    private static ValidatableResponse create(String json) {
        return api().contentType(ContentType.JSON).body(json).post("/api/storagepools").then();
    }
}
