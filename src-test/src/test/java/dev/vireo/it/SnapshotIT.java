package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.restassured.http.ContentType;
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

/** Snapshots of a VM made from a template on the test driver (real internal snapshots: RealHypervisorIT). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SnapshotIT {

    private String vm;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void aVm() {
        String template = "snap-" + UUID.randomUUID().toString().substring(0, 8);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}").post("/api/templates").then().statusCode(201);
        vm = template + "-vm";
        awaitTask(api().contentType(ContentType.JSON).body("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + vm + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id"));
    }

    @Test
    void takesListsRevertsAndDeletesSnapshotsKeepingTheTree() {
        // the list puts every snapshot after its parent, whatever their (one-second) creation times
        api().get("/api/vms/" + vm + "/snapshots").then().statusCode(200).body("$", empty());
        api().get("/api/vms/" + vm + "/snapshots/current").then().statusCode(404).body("code", equalTo("SNAP0004E"));

        take("{\"name\": \"base\", \"description\": \"fresh install\"}", "base");
        api().post("/api/vms/" + vm + "/start").then().statusCode(200);
        take("{\"name\": \"booted\"}", "booted");
        take("{}", null);

        api().get("/api/vms/" + vm + "/snapshots").then()
                .body("name[0]", equalTo("base"))
                .body("name[1]", equalTo("booted"))
                .body("name[2]", matchesPattern("\\d{10}"))
                .body("[0].parent", equalTo(""))
                .body("[0].state", equalTo("shutoff"))
                .body("[0].description", equalTo("fresh install"))
                .body("[1].parent", equalTo("base"))
                .body("[1].state", equalTo("running"))
                .body("[2].current", equalTo(true));

        api().post("/plugins/kimchi/vms/" + vm + "/snapshots/base/revert").then()
                .statusCode(200)
                .body("current", equalTo(true));
        api().get("/api/vms/" + vm).then().body("state", equalTo("shutoff"));
        api().get("/api/vms/" + vm + "/snapshots/current").then().body("name", equalTo("base"));

        api().delete("/api/vms/" + vm + "/snapshots/booted").then().statusCode(204);
        api().get("/api/vms/" + vm + "/snapshots/booted").then().statusCode(404).body("code", equalTo("SNAP0001E"));
        // the child of the deleted snapshot now hangs from its parent
        api().get("/api/vms/" + vm + "/snapshots/tree").then()
                .statusCode(200)
                .body("name", contains("base"))
                .body("[0].children.size()", equalTo(1))
                .body("[0].children[0].children", empty());
    }

    @Test
    void refusesTakenReservedAndInvalidNames() {
        take("{\"name\": \"one\"}", "one");
        api().contentType(ContentType.JSON).body("{\"name\": \"one\"}").post("/api/vms/" + vm + "/snapshots").then()
                .statusCode(409).body("code", equalTo("SNAP0002E"));
        api().contentType(ContentType.JSON).body("{\"name\": \"tree\"}").post("/api/vms/" + vm + "/snapshots").then()
                .statusCode(400).body("code", equalTo("SNAP0003E"));
        api().contentType(ContentType.JSON).body("{\"name\": \"a b\"}").post("/api/vms/" + vm + "/snapshots").then()
                .statusCode(400).body("code", equalTo("NAME0001E"));
        api().contentType(ContentType.JSON).body("{\"name\": \"x\"}").post("/api/vms/no-such-vm/snapshots").then()
                .statusCode(404).body("code", equalTo("VMS0004E"));
        api().post("/api/vms/" + vm + "/snapshots/nope/revert").then().statusCode(404).body("code", equalTo("SNAP0001E"));
        api().delete("/api/vms/" + vm + "/snapshots/nope").then().statusCode(404).body("code", equalTo("SNAP0001E"));
        api().get("/api/vms/" + vm + "/snapshots").then().body("name", contains("one"));
    }

    private void take(String json, String name) {
        String id = api().contentType(ContentType.JSON).body(json).post("/api/vms/" + vm + "/snapshots").then()
                .statusCode(202)
                .body("target_uri", name == null ? matchesPattern("/api/vms/" + vm + "/snapshots/\\d{10}")
                        : equalTo("/api/vms/" + vm + "/snapshots/" + name))
                .extract().path("id");
        awaitTask(id);
    }

    private static void awaitTask(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "finished".equals(api().get("/api/tasks/" + id).then().extract().path("status")));
    }
}
