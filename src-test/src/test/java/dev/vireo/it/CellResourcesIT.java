package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Storage pools, volumes and networks of a named host ({@code ?host=}), and a compute pool's
 * storage pool and network defined on every cell of it. Each cell is a private test-driver file;
 * the test driver keeps a connection's state in the server's memory (a second connection from this
 * JVM would read the file afresh), so what a cell holds is read back through the server: the
 * routes of that host, and the compute pool's and Nano's cell views, which ask the cell's
 * connection directly.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CellResourcesIT {

    private String suffix;
    private String pool;
    private Path dir;
    private final List<String> hosts = new ArrayList<>();
    private final List<String> cleanup = new ArrayList<>();

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void aComputePool() throws IOException {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        pool = "cr-" + suffix;
        dir = Files.createTempDirectory("vireo-cells-");
        api().contentType(ContentType.JSON).body("{\"name\": \"" + pool + "\"}").post("/api/computepools").then()
                .statusCode(201);
    }

    @AfterEach
    void forgetTheZone() {
        cleanup.forEach(path -> api().delete(path));
        hosts.forEach(host -> api().delete("/api/hosts/" + host));
        api().delete("/api/computepools/" + pool);
    }

    @Test
    void aPoolAVolumeAndANetworkMadeOnANamedHostAreThereOnly() throws IOException {
        String cellA = register("a", pool);
        String cellB = register("b", pool);
        String storage = "sp-" + suffix;
        String network = "sn-" + suffix;

        api().contentType(ContentType.JSON).body("{\"name\": \"" + storage + "\", \"type\": \"dir\", \"path\": \"/" + storage + "\"}")
                .post("/api/storagepools?host=" + cellA).then().statusCode(201)
                .header("Location", endsWith("/api/storagepools/" + storage + "?host=" + cellA))
                .body("host", equalTo(cellA)).body("name", equalTo(storage)).body("state", equalTo("active"));
        api().get("/api/storagepools/" + storage + "?host=" + cellA).then().statusCode(200).body("host", equalTo(cellA));
        api().get("/plugins/kimchi/storagepools/" + storage + "?host=" + cellA).then().statusCode(200);
        api().get("/api/storagepools/" + storage).then().statusCode(404).body("code", equalTo("STG0001E"));
        api().get("/api/storagepools/" + storage + "?host=" + cellB).then().statusCode(404);
        api().get("/api/storagepools?host=" + cellA).then().statusCode(200)
                .body("name", hasItem(storage)).body("host", everyItem(equalTo(cellA)));
        api().get("/api/storagepools").then().body("name", not(hasItem(storage))).body("host", everyItem(equalTo("local")));

        String volume = "v-" + suffix + ".img";
        String target = finished(api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + volume + "\", \"capacity\": 1048576, \"format\": \"raw\"}")
                .post("/api/storagepools/" + storage + "/storagevolumes?host=" + cellA).then()).getString("target_uri");
        assertThat(target).isEqualTo("/api/storagepools/" + storage + "/storagevolumes/" + volume + "?host=" + cellA);
        api().get("/api/storagepools/" + storage + "/storagevolumes/" + volume + "?host=" + cellA).then().statusCode(200)
                .body("host", equalTo(cellA)).body("capacity", equalTo(1048576));
        api().get("/api/storagepools/" + storage + "/storagevolumes?host=" + cellA).then().body("name", equalTo(List.of(volume)));
        api().get("/api/storagepools/" + storage + "/storagevolumes/" + volume).then().statusCode(404);
        api().get("/api/storagepools/default-pool/storagevolumes?host=" + cellB).then().statusCode(200)
                .body("name", not(hasItem(volume)));

        api().contentType(ContentType.JSON).body("{\"name\": \"" + network + "\", \"connection\": \"isolated\"}")
                .post("/api/networks?host=" + cellA).then().statusCode(201)
                .header("Location", endsWith("/api/networks/" + network + "?host=" + cellA))
                .body("host", equalTo(cellA)).body("state", equalTo("active"));
        api().get("/api/networks/" + network + "?host=" + cellA).then().statusCode(200).body("host", equalTo(cellA));
        api().get("/api/networks/" + network).then().statusCode(404);
        api().get("/api/networks/" + network + "?host=" + cellB).then().statusCode(404);
        api().get("/api/networks?host=" + cellA).then().body("name", hasItem(network)).body("host", everyItem(equalTo(cellA)));
        api().get("/api/networks").then().body("name", not(hasItem(network))).body("host", everyItem(equalTo("local")));

        api().delete("/api/storagepools/" + storage + "/storagevolumes/" + volume + "?host=" + cellA).then().statusCode(204);
        api().get("/api/storagepools/" + storage + "/storagevolumes?host=" + cellA).then().body("name", empty());
        api().post("/api/networks/" + network + "/deactivate?host=" + cellA).then().statusCode(200).body("state", equalTo("inactive"));
        api().delete("/api/networks/" + network + "?host=" + cellA).then().statusCode(204);
        api().get("/api/networks/" + network + "?host=" + cellA).then().statusCode(404);
        api().delete("/api/storagepools/" + storage + "?host=" + cellA).then().statusCode(204);
        api().get("/api/storagepools/" + storage + "?host=" + cellA).then().statusCode(404);
        api().get("/api/storagepools/" + storage + "?host=" + cellB).then().statusCode(404);
    }

    @Test
    void aHostNoOneRegisteredIsNotFound() {
        for (String path : List.of("/api/storagepools", "/api/storagepools/default-pool", "/api/networks",
                "/api/networks/default", "/api/storagepools/default-pool/storagevolumes", "/plugins/kimchi/storagepools",
                "/api/host/devices")) {
            api().get(path + "?host=nowhere-" + suffix).then().statusCode(404).body("code", equalTo("ZONE0001E"))
                    .body("reason", containsString("nowhere-" + suffix));
        }
        api().contentType(ContentType.JSON).body("{\"name\": \"x" + suffix + "\", \"connection\": \"isolated\"}")
                .post("/api/networks?host=nowhere-" + suffix).then().statusCode(404).body("code", equalTo("ZONE0001E"));
        api().get("/api/networks/x" + suffix).then().statusCode(404).body("code", equalTo("NET0001E"));
    }

    @Test
    void aHostThatCannotBeReachedAnswers503AndAComputePoolSaysItsCellLacksItsStorage() {
        // nothing listens on port 2
        String away = "away-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + away + "\", \"uri\": \"qemu+tcp://127.0.0.1:2/system\", "
                + "\"pool\": \"" + pool + "\"}").post("/api/hosts").then().statusCode(201);
        hosts.add(away);
        for (String path : List.of("/api/storagepools", "/api/networks", "/api/storagepools/default-pool/storagevolumes")) {
            api().get(path + "?host=" + away).then().statusCode(503).body("code", equalTo("HOST0001E"));
        }
        api().contentType(ContentType.JSON).body("{\"storage\": \"default-pool\"}").put("/api/computepools/" + pool).then()
                .statusCode(200).body("unattached.host", equalTo(List.of(away)))
                .body("unattached.reason", everyItem(containsString("cannot be reached")));
        api().get("/api/storagepools/default-pool").then().statusCode(200).body("host", equalTo("local"));
    }

    @Test
    void aComputePoolsStorageAndNetworkAreDefinedOnEveryCellAndItsVmsUseThem() throws IOException {
        String cellA = register("a", pool);
        String cellB = register("b", pool);
        String later = register("c", "default");
        String storage = "sp-" + suffix;
        String network = "sn-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + storage + "\", \"type\": \"dir\", \"path\": \"/" + storage + "\"}")
                .post("/api/storagepools?host=" + cellA).then().statusCode(201);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + network + "\", \"connection\": \"isolated\"}")
                .post("/api/networks?host=" + cellA).then().statusCode(201);

        api().contentType(ContentType.JSON).body("{\"storage\": \"" + storage + "\", \"network\": \"" + network + "\"}")
                .put("/api/computepools/" + pool).then().statusCode(200).body("unattached", empty());
        for (String cell : List.of(cellA, cellB)) {
            api().get("/api/storagepools/" + storage + "?host=" + cell).then().statusCode(200)
                    .body("state", equalTo("active")).body("type", equalTo("dir")).body("path", equalTo("/" + storage));
            api().get("/api/networks/" + network + "?host=" + cell).then().statusCode(200)
                    .body("state", equalTo("active")).body("connection", equalTo("isolated"));
        }
        api().get("/api/storagepools/" + storage + "?host=" + later).then().statusCode(404);
        api().get("/api/storagepools/" + storage).then().statusCode(404);
        api().get("/api/networks/" + network).then().statusCode(404);
        api().get("/nano/compute_pool_cells/" + pool + "/" + cellB).then().statusCode(200)
                .body("data.storage[0].name", equalTo(storage)).body("data.storage[0].attached", equalTo(true));

        // a cell that joins the pool gets them too
        api().post("/api/computepools/" + pool + "/hosts/" + later).then().statusCode(200).body("unattached", empty());
        api().get("/api/storagepools/" + storage + "?host=" + later).then().statusCode(200).body("state", equalTo("active"));
        api().get("/api/networks/" + network + "?host=" + later).then().statusCode(200).body("state", equalTo("active"));
        api().get("/api/computepools/" + pool).then().statusCode(200).body("unattached", empty());

        // a cell registered straight into the pool takes them as it joins
        String direct = register("d", pool);
        api().get("/api/storagepools/" + storage + "?host=" + direct).then().statusCode(200).body("state", equalTo("active"));
        api().get("/api/networks/" + network + "?host=" + direct).then().statusCode(200).body("state", equalTo("active"));
        // one that lost them (here: removed behind the pool's back) is named by the pool, until a change puts them back
        api().delete("/api/storagepools/" + storage + "?host=" + direct).then().statusCode(204);
        api().post("/api/networks/" + network + "/deactivate?host=" + direct).then().statusCode(200);
        api().get("/api/computepools/" + pool).then().statusCode(200).body("unattached", hasSize(2))
                .body("unattached.host", everyItem(equalTo(direct)))
                .body("unattached.kind", equalTo(List.of("storage pool", "network")))
                .body("unattached.reason", equalTo(List.of("not defined", "defined but not active")));
        api().contentType(ContentType.JSON).body("{\"failover\": false}").put("/api/computepools/" + pool).then()
                .statusCode(200).body("unattached", empty());
        api().get("/api/storagepools/" + storage + "?host=" + direct).then().statusCode(200).body("state", equalTo("active"));
        api().get("/api/networks/" + network + "?host=" + direct).then().statusCode(200).body("state", equalTo("active"));
        api().delete("/api/computepools/" + pool + "/hosts/" + direct).then().statusCode(200);

        // a VM made in the pool: its new disk in the pool's storage pool, its NIC on the pool's network
        String template = "ct-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"memory\": {\"current\": 512, \"maxmemory\": 512}, \"networks\": [\"default\"],"
                        + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        cleanup.add("/api/templates/" + template);
        String vm = "cv-" + suffix;
        String message = finished(api().contentType(ContentType.JSON).body("{\"name\": \"" + vm + "\", \"template\": \"/api/templates/"
                + template + "\", \"computepool\": \"" + pool + "\"}").post("/api/vms").then()).getString("message");
        String host = api().get("/api/vms/" + vm).then().statusCode(200).extract().path("host");
        cleanup.add(0, "/api/vms/" + vm);
        assertThat(message).contains("placed on " + host);
        assertThat(host).isIn(cellA, cellB, later);
        api().get("/api/vms/" + vm + "/storages").then().statusCode(200)
                .body("find { it.type == 'disk' }.pool", equalTo(storage));
        api().get("/api/vms/" + vm + "/ifaces").then().statusCode(200).body("network", equalTo(List.of(network)));
        api().get("/api/storagepools/" + storage + "/storagevolumes?host=" + host).then().statusCode(200)
                .body("used_by.flatten()", hasItem(vm));
        api().get("/api/networks/" + network + "?host=" + host).then().body("vms", equalTo(List.of(vm)))
                .body("in_use", equalTo(true));
        api().delete("/api/vms/" + vm).then().statusCode(204);
    }

    @Test
    void aStorageNoCellHasIsReportedCellByCell() throws IOException {
        String cellA = register("a", pool);
        String cellB = register("b", pool);
        api().contentType(ContentType.JSON).body("{\"storage\": \"ghost-" + suffix + "\"}").put("/api/computepools/" + pool)
                .then().statusCode(200).body("storage", equalTo("ghost-" + suffix))
                .body("unattached.host", equalTo(List.of(cellA, cellB)))
                .body("unattached.kind", everyItem(equalTo("storage pool")))
                .body("unattached.reason", everyItem(containsString("define it on one of them first")));
        api().get("/api/computepools").then().body("find { it.name == '" + pool + "' }.unattached", equalTo(null));
        api().get("/nano/compute_pools/" + pool).then().statusCode(200)
                .body("data.unattached.host", equalTo(List.of(cellA, cellB)));
        api().contentType(ContentType.JSON).body("{\"storage\": \"\"}").put("/api/computepools/" + pool).then()
                .statusCode(200).body("unattached", empty());
    }

    @Test
    void nanoStoragePoolsAreSharedStorageOfComputePools() throws IOException {
        String cellA = register("a", pool);
        String name = "nfs-" + suffix;
        api().contentType(ContentType.JSON).body("{\"type\": \"nfs\", \"host\": \"nfs.example.com\", \"target\": \"/export/one\"}")
                .post("/nano/storage_pools/" + name).then().statusCode(200).body("error_code", equalTo(0))
                .body("data.name", equalTo(name)).body("data.type", equalTo("nfs"))
                .body("data.host", equalTo("nfs.example.com")).body("data.target", equalTo("/export/one"))
                .body("data.unattached", empty());
        cleanup.add(0, "/nano/storage_pools/" + name);
        api().get("/nano/storage_pools/").then().statusCode(200)
                .body("data.find { it.name == '" + name + "' }.host", equalTo("nfs.example.com"))
                .body("data.find { it.name == '" + name + "' }.target", equalTo("/export/one"));
        api().get("/nano/storage_pools/" + name).then().statusCode(200).body("data.type", equalTo("nfs"))
                .body("data.host", equalTo("nfs.example.com")).body("data.target", equalTo("/export/one"));
        // the default host holds its definition (a netfs pool), not started: it need not reach the server
        api().get("/api/storagepools/" + name).then().statusCode(200).body("type", equalTo("netfs"))
                .body("source.addr", equalTo("nfs.example.com")).body("source.path", equalTo("/export/one"));
        api().get("/api/storagepools/" + name + "?host=" + cellA).then().statusCode(404);

        // named by a compute pool, it is defined on its cells (the test driver mounts nothing: a real host must reach the export)
        ValidatableResponse named = api().contentType(ContentType.JSON).body("{\"storage\": \"" + name + "\"}")
                .put("/nano/compute_pools/" + pool).then().statusCode(200).body("data.storage", equalTo(name));
        named.body("error_code", equalTo(0)).body("data.unattached", empty());
        api().get("/api/computepools/" + pool).then().body("unattached", empty());
        api().get("/api/storagepools/" + name + "?host=" + cellA).then().statusCode(200).body("type", equalTo("netfs"))
                .body("source.addr", equalTo("nfs.example.com")).body("state", equalTo("active"));

        api().delete("/nano/storage_pools/" + name).then().statusCode(409).body("error_code", equalTo(409))
                .body("data.code", equalTo("ZONE0042E")).body("message", containsString(pool));
        api().contentType(ContentType.JSON).body("{\"type\": \"nfs\", \"host\": \"other.example.com\", \"target\": \"/export/two\"}")
                .put("/nano/storage_pools/" + name).then().statusCode(200).body("data.host", equalTo("other.example.com"))
                .body("data.unattached", empty());
        api().get("/api/storagepools/" + name + "?host=" + cellA).then().statusCode(200)
                .body("source.addr", equalTo("other.example.com")).body("source.path", equalTo("/export/two"));
        api().get("/api/storagepools/" + name).then().body("source.addr", equalTo("other.example.com"));

        api().contentType(ContentType.JSON).body("{\"type\": \"ceph\", \"host\": \"c\", \"target\": \"p\"}")
                .post("/nano/storage_pools/ceph-" + suffix).then().statusCode(400).body("data.code", equalTo("ZONE0040E"));
        api().contentType(ContentType.JSON).body("{\"type\": \"nfs\", \"target\": \"/x\"}")
                .post("/nano/storage_pools/nohost-" + suffix).then().statusCode(400).body("data.code", equalTo("API0010E"));
        api().get("/nano/storage_pools/default-pool").then().statusCode(404).body("data.code", equalTo("ZONE0043E"));

        api().contentType(ContentType.JSON).body("{\"storage\": \"\"}").put("/nano/compute_pools/" + pool).then().statusCode(200);
        api().delete("/nano/storage_pools/" + name).then().statusCode(200).body("error_code", equalTo(0));
        api().get("/api/storagepools/" + name).then().statusCode(404);
        // the cell keeps its copy: removing the zone's definition does not unmount what a cell uses
        api().get("/api/storagepools/" + name + "?host=" + cellA).then().statusCode(200);
        cleanup.remove("/nano/storage_pools/" + name);
    }

    /** Registers a test-driver host with a dir pool default-pool and a network default, in {@code computePool}. */
    private String register(String role, String computePool) throws IOException {
        String name = role + "-" + suffix;
        String uri = new TestDriverHost().pool("default-pool").network("default").writeTo(dir.resolve(name + ".xml"));
        api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"uri\": \"" + uri + "\", \"pool\": \"" + computePool + "\"}")
                .post("/api/hosts").then().statusCode(201).body("unattached", empty());
        hosts.add(name);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                api().get("/api/hosts/" + name).then().body("state", equalTo("connected")));
        return name;
    }

    /** The task of an accepted request, which must have finished. */
    private static JsonPath finished(ValidatableResponse accepted) {
        String id = accepted.statusCode(202).extract().path("id");
        JsonPath task = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/api/tasks/" + id).then().extract().jsonPath(),
                        t -> !"running".equals(t.getString("status")));
        assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");
        return task;
    }
}
