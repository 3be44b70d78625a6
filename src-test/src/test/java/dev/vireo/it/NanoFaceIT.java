package dev.vireo.it;

import static dev.vireo.it.Vireo.anonymous;
import static dev.vireo.it.Vireo.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Nano's face: its paths under /nano, its {error_code, message, data} envelope on every answer. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NanoFaceIT {

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void computePoolsAreCreatedChangedAndRemovedAsNanoDocumentsThem() {
        String pool = "nano-" + UUID.randomUUID().toString().substring(0, 8);
        api().get("/nano/compute_pools/").then().statusCode(200)
                .body("error_code", equalTo(0)).body("message", equalTo(""))
                .body("data.name", hasItem("default"));
        api().contentType(ContentType.JSON).body("{\"network_mode\": \"share\", \"storage\": \"ceph1\", \"failover\": true}")
                .post("/nano/compute_pools/" + pool).then().statusCode(200)
                .body("error_code", equalTo(0)).body("data.name", equalTo(pool)).body("data.cells", equalTo(0));
        api().get("/nano/compute_pools/" + pool).then().statusCode(200)
                .body("data.failover", equalTo(true)).body("data.storage", equalTo("ceph1")).body("data.enabled", equalTo(true));
        api().get("/api/computepools/" + pool).then().body("network_mode", equalTo("share"));
        api().contentType(ContentType.JSON).body("{\"enable\": false}").put("/nano/compute_pools/" + pool).then()
                .statusCode(200).body("data.enabled", equalTo(false));
        api().delete("/nano/compute_pools/" + pool).then().statusCode(200)
                .body("error_code", equalTo(0)).body("data", nullValue());
        api().get("/nano/compute_pools/").then().body("data.name", not(hasItem(pool)));
    }

    @Test
    void cellsJoinAndLeavePoolsAreDisabledAndShowThePoolsStorage() throws java.io.IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String cell = "cell-" + suffix;
        String pool = "nano-" + suffix;
        String uri = new TestDriverHost().pool("shared-" + suffix)
                .writeTo(java.nio.file.Files.createTempDirectory("vireo-nano-").resolve("host.xml"));
        api().contentType(ContentType.JSON).body("{\"storage\": \"shared-" + suffix + "\"}")
                .post("/nano/compute_pools/" + pool).then().statusCode(200);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + cell + "\", \"uri\": \"" + uri + "\"}")
                .post("/api/hosts").then().statusCode(201);
        try {
            api().delete("/nano/compute_pool_cells/default/" + cell).then().statusCode(200).body("error_code", equalTo(0));
            api().get("/nano/compute_pool_cells/").then().statusCode(200).body("data.name", hasItem(cell))
                    .body("data.find { it.name == '" + cell + "' }.address", equalTo("localhost"));
            api().post("/nano/compute_pool_cells/" + pool + "/" + cell).then().statusCode(200)
                    .body("data.name", equalTo(cell));
            api().get("/nano/compute_pool_cells/").then().body("data.name", not(hasItem(cell)));
            api().get("/nano/compute_pool_cells/" + pool).then().body("data.name", equalTo(java.util.List.of(cell)));
            api().get("/nano/compute_pools/" + pool).then().body("data.cells", equalTo(1));
            api().contentType(ContentType.JSON).body("{\"enable\": false}").put("/nano/compute_pool_cells/" + pool + "/" + cell)
                    .then().statusCode(200).body("data.enabled", equalTo(false));
            api().get("/api/hosts/" + cell).then().body("enabled", equalTo(false));
            // the cell's libvirt has the pool's storage, active: attached once the cell is connected
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(40)).untilAsserted(() ->
                    api().get("/nano/compute_pool_cells/" + pool + "/" + cell).then().statusCode(200)
                            .body("data.alive", equalTo(true))
                            .body("data.storage[0].name", equalTo("shared-" + suffix))
                            .body("data.storage[0].attached", equalTo(true)));
            api().get("/nano/compute_pool_cells/default/" + cell).then().statusCode(404).body("data.code", equalTo("ZONE0011E"));
        } finally {
            api().delete("/api/computepools/" + pool + "/hosts/" + cell);
            api().delete("/api/hosts/" + cell).then().statusCode(204);
            api().delete("/api/computepools/" + pool).then().statusCode(204);
        }
    }

    @Test
    void failuresComeInTheEnvelopeWithVireosCode() {
        api().get("/nano/compute_pools/nowhere").then().statusCode(404)
                .body("error_code", equalTo(404)).body("message", containsString("nowhere"))
                .body("data.code", equalTo("ZONE0006E"));
        api().contentType(ContentType.JSON).body("{\"enable\": \"yes\", \"colour\": 1}").put("/nano/compute_pools/default")
                .then().statusCode(400).body("error_code", equalTo(400)).body("data.code", containsString("API"));
        api().contentType(ContentType.JSON).body("{").post("/nano/compute_pools/x").then().statusCode(400)
                .body("data.code", equalTo("API0001E"));
        anonymous().get("/nano/compute_pools/").then().statusCode(401)
                .body("error_code", equalTo(401)).body("data.code", equalTo("AUTH0001E"));
        api().delete("/nano/compute_pools/default").then().statusCode(409).body("data.code", equalTo("ZONE0009E"));
    }

    @Test
    void theNativeApiKeepsItsOwnErrorShape() {
        api().get("/api/computepools/nowhere").then().statusCode(404).body("code", equalTo("ZONE0006E"))
                .body("error_code", nullValue());
    }
}
