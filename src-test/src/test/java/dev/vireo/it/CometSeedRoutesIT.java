package dev.vireo.it;

import static dev.vireo.it.ClusterFixture.awaitTask;
import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
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
 * The rest of Comet's routes: a member VM's own snapshots, removing a member's storage (its disk
 * detached, then its volume deleted), and the storage pools, volumes, servers and targets, each
 * over Vireo's own services: what Comet shows and changes is what {@code /api} shows.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CometSeedRoutesIT {

    private String suffix;
    private String template;
    private String cluster;
    private String vm;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void aClusterOfOneVm() {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        template = "cst-tpl-" + suffix;
        ClusterFixture.smallTemplate(template);
        vm = "cst-a-" + suffix;
        ClusterFixture.vmFrom(template, vm);
        cluster = "cst-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + cluster + "\", \"vms\": [\"" + vm + "\"]}")
                .post("/api/clusters").then().statusCode(201);
    }

    @AfterEach
    void removeWhatTheTestMade() {
        api().delete("/api/clusters/" + cluster);
        api().delete("/api/vms/" + vm);
        api().delete("/api/templates/" + template);
    }

    @Test
    void aPutChangesTheMembersParametersButNeverItsNameNorItsState() {
        String path = "/comet/cluster/" + cluster + "/vms/" + vm;
        api().contentType(ContentType.JSON).body("{\"memory\": 256, \"cpus\": 2, \"description\": \"bigger\"}").put(path)
                .then().statusCode(200).body("memory", equalTo(256)).body("cpus", equalTo(2)).body("state", equalTo("shutoff"));
        api().get("/api/vms/" + vm).then().statusCode(200).body("memory.current", equalTo(256))
                .body("cpu_info.vcpus", equalTo(2)).body("description", equalTo("bigger")).body("state", equalTo("shutoff"));

        api().contentType(ContentType.JSON).body("{\"name\": \"cst-renamed-" + suffix + "\"}").put(path).then()
                .statusCode(409).body("code", equalTo("CLU0017E"));
        api().contentType(ContentType.JSON).body("{\"memory\": 512}").put("/comet/cluster/" + cluster + "/vms/none-" + suffix)
                .then().statusCode(404).body("code", equalTo("CLU0005E"));
        for (String body : List.of("{\"memory\": -1}", "{\"cpus\": 0}", "{\"colour\": \"red\"}", "{\"memory\": \"lots\"}")) {
            api().contentType(ContentType.JSON).body(body).put(path).then()
                    .statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)));
        }
        api().get("/api/vms/cst-renamed-" + suffix).then().statusCode(404);
        api().get("/api/vms/" + vm).then().body("memory.current", equalTo(256)).body("cpu_info.vcpus", equalTo(2));
        api().get("/comet/cluster/" + cluster + "/vms").then().body("name", contains(vm));
    }

    @Test
    void aMembersSnapshotsAreTheVmsOwnTakenRevertedAndDeleted() {
        String snapshots = "/comet/cluster/" + cluster + "/vms/" + vm + "/snapshots";
        assertThat(awaitTask(api().contentType(ContentType.JSON).body("{\"name\": \"first\", \"description\": \"before\"}")
                .post(snapshots).then().statusCode(202).extract().path("id")).getString("status")).isEqualTo("finished");
        // the VM changes between the two snapshots, so the revert has something to undo
        api().contentType(ContentType.JSON).body("{\"memory\": {\"current\": 256}}").put("/api/vms/" + vm).then().statusCode(200);
        assertThat(awaitTask(api().contentType(ContentType.JSON).body("{\"name\": \"second\"}")
                .post(snapshots).then().statusCode(202).extract().path("id")).getString("status")).isEqualTo("finished");

        api().get("/api/vms/" + vm + "/snapshots").then().statusCode(200).body("name", contains("first", "second"));
        api().get(snapshots).then().statusCode(200)
                .body("name", contains("first", "second"))
                .body("href", contains(snapshots + "/first", snapshots + "/second"));
        api().get(snapshots + "/first").then().statusCode(200)
                .body("name", equalTo("first"))
                .body("description", equalTo("before"))
                .body("created", greaterThan(0))
                .body("parent", equalTo(""))
                .body("actions", contains("revert"));
        api().get(snapshots + "/second").then().statusCode(200).body("parent", equalTo("first")).body("current", equalTo(true));

        api().post(snapshots + "/first/revert").then().statusCode(200).body("name", equalTo("first")).body("current", equalTo(true));
        api().get("/api/vms/" + vm + "/snapshots/current").then().statusCode(200).body("name", equalTo("first"));
        api().get("/api/vms/" + vm).then().body("memory.current", equalTo(128));

        api().delete(snapshots + "/second").then().statusCode(204);
        api().get("/api/vms/" + vm + "/snapshots").then().body("name", contains("first"));
        api().get(snapshots + "/second").then().statusCode(404).body("code", equalTo("SNAP0001E"));
    }

    @Test
    void aMembersSnapshotRoutesRefuseBadRequestsAndChangeNothing() {
        String snapshots = "/comet/cluster/" + cluster + "/vms/" + vm + "/snapshots";
        assertThat(awaitTask(api().contentType(ContentType.JSON).body("{\"name\": \"kept\"}")
                .post(snapshots).then().statusCode(202).extract().path("id")).getString("status")).isEqualTo("finished");
        // a VM that is no member of the cluster, although it exists: every route says so before touching it
        String stranger = "cst-b-" + suffix;
        ClusterFixture.vmFrom(template, stranger);
        try {
            String strangers = "/comet/cluster/" + cluster + "/vms/" + stranger + "/snapshots";
            api().get(strangers).then().statusCode(404).body("code", equalTo("CLU0005E"));
            api().contentType(ContentType.JSON).body("{\"name\": \"x\"}").post(strangers).then().statusCode(404)
                    .body("code", equalTo("CLU0005E"));
            api().get(strangers + "/kept").then().statusCode(404).body("code", equalTo("CLU0005E"));
            api().post(strangers + "/kept/revert").then().statusCode(404).body("code", equalTo("CLU0005E"));
            api().delete(strangers + "/kept").then().statusCode(404).body("code", equalTo("CLU0005E"));
            api().get("/api/vms/" + stranger + "/snapshots").then().body("size()", equalTo(0));
        } finally {
            api().delete("/api/vms/" + stranger);
        }
        api().get("/comet/cluster/no-such-" + suffix + "/vms/" + vm + "/snapshots").then().statusCode(404)
                .body("code", equalTo("CLU0001E"));
        for (String body : List.of("{\"name\": \"kept\"}", "{\"name\": \"bad name!\"}", "{\"colour\": \"red\"}", "[1]")) {
            api().contentType(ContentType.JSON).body(body).post(snapshots).then()
                    .statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)));
        }
        api().contentType(ContentType.JSON).body("{\"force\": true}").post(snapshots + "/kept/revert").then().statusCode(400);
        api().post(snapshots + "/none-" + suffix + "/revert").then().statusCode(404).body("code", equalTo("SNAP0001E"));
        api().delete(snapshots + "/none-" + suffix).then().statusCode(404).body("code", equalTo("SNAP0001E"));
        api().get("/api/vms/" + vm + "/snapshots").then().body("name", contains("kept"));
    }

    @Test
    void removingAMembersStorageDetachesFirstAndTheDriversRefusalKeepsTheVolume() {
        String storages = "/comet/cluster/" + cluster + "/vms/" + vm + "/storages";
        String disk = Vireo.diskVolume(vm, 0);
        String dev = api().get("/api/vms/" + vm + "/storages").jsonPath().getString("find { it.vol == '" + disk + "' }.dev");
        String volume = "/api/storagepools/default-pool/storagevolumes/" + disk;
        api().get(volume).then().statusCode(200).body("used_by", contains(vm));

        // the test driver cannot detach a disk: its refusal comes back, and the volume is not deleted
        api().delete(storages + "/" + dev).then().statusCode(409).body("code", equalTo("HOST0002E"))
                .body("reason", containsString("virDomainDetachDeviceFlags"));
        api().get(volume).then().statusCode(200).body("used_by", contains(vm));
        api().get(storages).then().statusCode(200).body("dev", hasItem(dev));

        // refused before anything is detached
        api().delete(storages + "/vdz").then().statusCode(404);
        api().delete("/comet/cluster/" + cluster + "/vms/no-member-" + suffix + "/storages/" + dev).then().statusCode(404)
                .body("code", equalTo("CLU0005E"));
        api().delete("/comet/cluster/no-such-" + suffix + "/vms/" + vm + "/storages/" + dev).then().statusCode(404)
                .body("code", equalTo("CLU0001E"));
        api().get(volume).then().statusCode(200).body("used_by", contains(vm));
    }

    @Test
    void storagePoolsAndVolumesAreTheHostsInCometsWords() {
        JsonPath pool = api().get("/api/storagepools/default-pool").then().statusCode(200).extract().jsonPath();
        api().get("/comet/storagepools").then().statusCode(200)
                .body("find { it.name == 'default-pool' }.state", equalTo("active"))
                .body("find { it.name == 'default-pool' }.href", equalTo("/comet/storagepools/default-pool"));
        api().get("/comet/storagepools/default-pool").then().statusCode(200)
                .body("path", equalTo(pool.getString("path")))
                .body("capacity", equalTo(pool.get("capacity")))
                .body("available", equalTo(pool.get("available")))
                .body("actions", contains("activate", "deactivate"));

        // a pool deactivated and activated at Comet's path is so for Vireo
        String dir = "cst-pool-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + dir + "\", \"type\": \"dir\", \"path\": \"/srv/" + dir + "\"}")
                .post("/api/storagepools").then().statusCode(201);
        try {
            api().post("/comet/storagepools/" + dir + "/deactivate").then().statusCode(200).body("state", equalTo("inactive"));
            api().get("/api/storagepools/" + dir).then().body("state", equalTo("inactive"));
            api().contentType(ContentType.JSON).body("{\"now\": true}").post("/comet/storagepools/" + dir + "/activate").then()
                    .statusCode(400);
            api().get("/api/storagepools/" + dir).then().body("state", equalTo("inactive"));
            api().post("/comet/storagepools/" + dir + "/activate").then().statusCode(200).body("state", equalTo("active"));
            api().get("/api/storagepools/" + dir).then().body("state", equalTo("active"));
        } finally {
            api().delete("/api/storagepools/" + dir).then().statusCode(204);
        }
        api().post("/comet/storagepools/no-such-" + suffix + "/activate").then().statusCode(404).body("code", equalTo("STG0001E"));

        // a volume made at Comet's path, capacity in GiB, is the pool's volume of that many bytes
        String volumes = "/comet/storagepools/default-pool/storagevolumes";
        String made = "cst-" + suffix + ".qcow2";
        try {
            assertThat(awaitTask(api().contentType(ContentType.JSON).body("{\"name\": \"" + made + "\", \"capacity\": 1}")
                    .post(volumes).then().statusCode(202).extract().path("id")).getString("status")).isEqualTo("finished");
            api().get("/api/storagepools/default-pool/storagevolumes/" + made).then().statusCode(200)
                    .body("capacity", equalTo(1 << 30));
            api().get(volumes + "/" + made).then().statusCode(200)
                    .body("state", equalTo("unmapped"))
                    .body("host", nullValue())
                    .body("zpool", equalTo("default-pool"))
                    .body("target", nullValue())
                    .body("capacity", equalTo(1 << 30))
                    .body("href", equalTo(volumes + "/" + made));
            String disk = Vireo.diskVolume(vm, 0);
            api().get(volumes).then().statusCode(200)
                    .body("find { it.name == '" + made + "' }.state", equalTo("unmapped"))
                    .body("find { it.name == '" + disk + "' }.state", equalTo("mapped"));
            api().get(volumes + "/" + disk).then().statusCode(200)
                    .body("state", equalTo("mapped"))
                    .body("host", not(nullValue()))
                    .body("used_by", contains(vm));

            // refused, and no volume made: no capacity nor url, both, none, too big, taken, unknown field, no such pool
            String other = "cst-x-" + suffix + ".qcow2";
            for (String body : List.of("{\"name\": \"" + other + "\"}",
                    "{\"name\": \"" + other + "\", \"capacity\": 1, \"url\": \"https://example.com/a.img\"}",
                    "{\"name\": \"" + other + "\", \"capacity\": 0}",
                    "{\"name\": \"" + other + "\", \"capacity\": 9223372036854775807}",
                    "{\"name\": \"" + made + "\", \"capacity\": 1}",
                    "{\"name\": \"" + other + "\", \"capacity\": 1, \"format\": \"raw\"}")) {
                api().contentType(ContentType.JSON).body(body).post(volumes).then()
                        .statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)));
            }
            api().contentType(ContentType.JSON).body("{\"name\": \"" + other + "\", \"capacity\": 1}")
                    .post("/comet/storagepools/no-such-" + suffix + "/storagevolumes").then().statusCode(404);
            api().get("/api/storagepools/default-pool/storagevolumes/" + other).then().statusCode(404);
        } finally {
            api().delete("/api/storagepools/default-pool/storagevolumes/" + made).then().statusCode(204);
        }
    }

    @Test
    void storageServersAreThoseOfTheDefinedPoolsWithTheTargetsFoundOnThem() {
        String nfs = "cst-nfs-" + suffix;
        String server = "filer-" + suffix + ".example.com";
        api().contentType(ContentType.JSON).body("{\"name\": \"" + nfs + "\", \"type\": \"netfs\", \"source\": {\"host\": \""
                + server + "\", \"path\": \"/exports/a\"}}").post("/api/storagepools").then().statusCode(201);
        try {
            api().get("/comet/storageservers").then().statusCode(200)
                    .body("find { it.host == '" + server + "' }.href", equalTo("/comet/storageservers/" + server));
            api().get("/comet/storageservers/" + server).then().statusCode(200)
                    .body("host", equalTo(server))
                    .body("storagezpools", equalTo("/comet/storageservers/" + server + "/storagezpools"));
            // the test driver finds one NFS export, /testshare, on every server, and cannot look for iSCSI targets
            api().get("/comet/storageservers/" + server + "/storagezpools").then().statusCode(200)
                    .body("host", contains(server)).body("zpool", contains("/testshare")).body("type", contains("nfs"));
        } finally {
            api().delete("/api/storagepools/" + nfs).then().statusCode(204);
        }
        api().get("/comet/storageservers").then().body("host", not(hasItem(server)));
        api().get("/comet/storageservers/" + server).then().statusCode(404).body("code", equalTo("STG0028E"));
        api().get("/comet/storageservers/bad_host!/storagezpools").then().statusCode(400).body("code", equalTo("STG0019E"));
    }
}
