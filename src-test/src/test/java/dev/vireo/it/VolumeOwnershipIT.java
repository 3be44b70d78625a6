package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A VM's volumes belong to who may use the VM: others neither see, read, copy, change nor attach
 * them (issue 13, items 1 and 2); a free volume becomes a VM's disk only by a storage manager. The
 * test driver attaches no devices: an allowed attach shows as libvirt's HOST0002E, a refused one
 * never reaches libvirt.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VolumeOwnershipIT {

    private static final String POOL = "default-pool";
    private static final String VOLUMES = "/api/storagepools/" + POOL + "/storagevolumes";

    private String suffix;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void names() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aVmsVolumeExistsOnlyForWhoMayUseTheVm() throws SQLException {
        String user = user("users");
        String auditor = user("auditors");
        String keeper = storageKeeper();
        String template = template();
        String adminVm = vm(api(), template, "adm-" + suffix);
        String userVm = vm(as(user), template, "usr-" + suffix);
        String adminDisk = Vireo.diskVolume(adminVm, 0);
        String userDisk = Vireo.diskVolume(userVm, 0);

        as(user).get(VOLUMES).then().statusCode(200).body("name", hasItem(userDisk)).body("name", not(hasItem(adminDisk)));
        for (String path : List.of(VOLUMES + "/" + adminDisk, VOLUMES + "/" + adminDisk + "/content",
                "/plugins/kimchi/storagepools/" + POOL + "/storagevolumes/" + adminDisk + "/content")) {
            as(user).accept(path.endsWith("/content") ? ContentType.BINARY : ContentType.JSON).get(path).then().statusCode(404).body("code", equalTo("STG0006E"))
                    .body("reason", equalTo("Storage pool " + POOL + " has no volume " + adminDisk));
        }
        as(user).get(VOLUMES + "/" + userDisk).then().statusCode(200).body("used_by", contains(userVm));
        // their own VM's disk passes the check and reaches libvirt (whose test driver has no volume streams)
        as(user).accept(ContentType.BINARY).get(VOLUMES + "/" + userDisk + "/content").then().statusCode(409).body("code", equalTo("HOST0002E"));
        as(auditor).get(VOLUMES).then().statusCode(200).body("name", hasItems(adminDisk, userDisk));
        as(auditor).get(VOLUMES + "/" + adminDisk).then().statusCode(200).body("used_by", contains(adminVm));

        // a storage manager who may not use the VM neither copies nor changes its disk
        as(keeper).get(VOLUMES).then().statusCode(200).body("name", not(hasItem(adminDisk)));
        as(keeper).post(VOLUMES + "/" + adminDisk + "/clone").then().statusCode(404).body("code", equalTo("STG0006E"));
        as(keeper).contentType(ContentType.JSON).body("{\"size\": 4294967296}").post(VOLUMES + "/" + adminDisk + "/resize")
                .then().statusCode(404).body("code", equalTo("STG0006E"));
        as(keeper).post(VOLUMES + "/" + adminDisk + "/wipe").then().statusCode(404).body("code", equalTo("STG0006E"));
        as(keeper).delete(VOLUMES + "/" + adminDisk).then().statusCode(404).body("code", equalTo("STG0006E"));
        api().get(VOLUMES).then().body("name", hasItem(adminDisk)).body("name", not(hasItem(startsWith(adminDisk.replace(".img", "-clone")))));
        api().get(VOLUMES + "/" + adminDisk).then().statusCode(200).body("capacity", equalTo(1024 * 1024 * 1024));
        assertThat(tasksOwnedBy(keeper)).as("no copy was started").isZero();
        assertThat(auditResults(keeper, "storagevolume.clone")).containsExactly("STG0006E");

        // shared with the user, the VM's disk is theirs to see as well
        api().contentType(ContentType.JSON).body("{\"users\": [\"" + user + "\"]}").put("/api/vms/" + adminVm)
                .then().statusCode(200);
        as(user).get(VOLUMES).then().body("name", hasItems(adminDisk, userDisk));
        as(user).get(VOLUMES + "/" + adminDisk).then().statusCode(200).body("used_by", contains(adminVm));

        api().delete("/api/vms/" + adminVm).then().statusCode(204);
        api().delete("/api/vms/" + userVm).then().statusCode(204);
    }

    @Test
    void attachingAVolumeTakesTheRightToUseItsVmOrStorageManagementForAFreeOne() throws SQLException {
        String user = user("users");
        String keeper = storageKeeper();
        String template = template();
        String adminVm = vm(api(), template, "adm-" + suffix);
        String userVm = vm(as(user), template, "usr-" + suffix);
        String keeperVm = vm(as(keeper), template, "stg-" + suffix);
        String adminDisk = Vireo.diskVolume(adminVm, 0);

        // another's VM's disk: as if there were none
        attachDisk(as(user), userVm, adminDisk).statusCode(400).body("code", equalTo("VMS0014E"))
                .body("reason", containsString("vol " + adminDisk + " is no volume of storage pool " + POOL));
        api().get("/api/vms/" + userVm + "/storages").then().statusCode(200)
                .body("vol", not(hasItem(adminDisk))).body("size()", equalTo(1));
        assertThat(auditResults(user, "vm.storage.attach")).containsExactly("VMS0014E");

        // a free volume: a plain user may not take it, a storage manager may
        String free = "free-" + suffix + ".qcow2";
        String task = api().contentType(ContentType.JSON).body("{\"name\": \"" + free + "\", \"capacity\": 1048576}")
                .post(VOLUMES).then().statusCode(202).extract().path("id");
        finished(task);
        attachDisk(as(user), userVm, free).statusCode(403).body("code", equalTo("AUTH0004E"))
                .body("reason", containsString(user)).body("reason", containsString("storage.manage"));
        api().get("/api/vms/" + userVm + "/storages").then().body("vol", not(hasItem(free))).body("size()", equalTo(1));
        assertThat(auditResults(user, "vm.storage.attach")).containsExactly("VMS0014E", "AUTH0004E");
        // allowed, it reaches libvirt, whose test driver attaches nothing (RealHypervisorIT attaches for real)
        attachDisk(as(keeper), keeperVm, free).statusCode(409).body("code", equalTo("HOST0002E"));

        // who may use the VM that holds a disk may attach it elsewhere
        api().contentType(ContentType.JSON).body("{\"users\": [\"" + user + "\"]}").put("/api/vms/" + adminVm)
                .then().statusCode(200);
        attachDisk(as(user), userVm, adminDisk).statusCode(409).body("code", equalTo("HOST0002E"));
        assertThat(auditResults(user, "vm.storage.attach")).containsExactly("VMS0014E", "AUTH0004E", "HOST0002E");

        api().delete("/api/vms/" + userVm).then().statusCode(204);
        api().delete("/api/vms/" + keeperVm).then().statusCode(204);
        api().delete("/api/vms/" + adminVm).then().statusCode(204);
        api().delete(VOLUMES + "/" + free).then().statusCode(204);
    }

    @Test
    void aTemplateMakesNoVmFromAVolumeItsAuthorMayNotSee() {
        String role = "tplmgr-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + role + "\", \"permissions\": [\"template.read\","
                + " \"template.manage\", \"storage.read\", \"network.read\"]}").post("/api/roles").then().statusCode(201);
        String group = "tplmgrs-" + suffix;
        api().contentType(ContentType.JSON).body("{\"display\": \"Template managers\", \"role\": [\"" + role + "\"]}")
                .post("/api/user_groups/" + group).then().statusCode(201);
        String author = user(group);
        String adminVm = vm(api(), template(), "adm-" + suffix);
        String adminDisk = Vireo.diskVolume(adminVm, 0);
        String path = api().get(VOLUMES + "/" + adminDisk).then().statusCode(200).extract().path("path");

        String base = "base-" + suffix;
        as(author).contentType(ContentType.JSON).body("{\"name\": \"" + base + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"disks\": [{\"volume\": \"" + adminDisk + "\", \"pool\": {\"name\": \"" + POOL + "\"}}]}")
                .post("/api/templates").then().statusCode(400).body("code", equalTo("TMPL0008E"))
                .body("reason", containsString("has no volume " + adminDisk));
        String media = "media-" + suffix;
        as(author).contentType(ContentType.JSON).body("{\"name\": \"" + media + "\", \"source_media\": {\"type\": \"disk\","
                + " \"path\": \"" + path + "\"}}").post("/api/templates").then().statusCode(400)
                .body("code", equalTo("TMPL0010E"));
        api().get("/api/templates/" + base).then().statusCode(404);
        api().get("/api/templates/" + media).then().statusCode(404);

        // a free volume is every template author's to use; the admin sees the VM's
        String free = "gold-" + suffix + ".qcow2";
        finished(api().contentType(ContentType.JSON).body("{\"name\": \"" + free + "\", \"capacity\": 1048576}")
                .post(VOLUMES).then().statusCode(202).extract().path("id"));
        as(author).contentType(ContentType.JSON).body("{\"name\": \"" + base + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"disks\": [{\"volume\": \"" + free + "\", \"pool\": {\"name\": \"" + POOL + "\"}}]}")
                .post("/api/templates").then().statusCode(201);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + media + "\", \"source_media\": {\"type\": \"disk\","
                + " \"path\": \"" + path + "\"}}").post("/api/templates").then().statusCode(201);

        api().delete("/api/templates/" + base).then().statusCode(204);
        api().delete("/api/templates/" + media).then().statusCode(204);
        api().delete(VOLUMES + "/" + free).then().statusCode(204);
        api().delete("/api/vms/" + adminVm).then().statusCode(204);
    }

    @Test
    void aRefusedPoolRemovalNamesNoVmTheCallerMayNotSee() {
        String keeper = storageKeeper();
        String pool = "own-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + pool + "\", \"type\": \"dir\", \"path\": \"/srv/" + pool
                + "\"}").post("/api/storagepools").then().statusCode(201);
        String template = pool + "-tpl";
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]}").post("/api/templates").then()
                .statusCode(201);
        String adminVm = vm(api(), template, "adm-" + suffix);
        api().delete("/api/templates/" + template).then().statusCode(204);

        as(keeper).post("/api/storagepools/" + pool + "/deactivate").then().statusCode(409).body("code", equalTo("STG0003E"))
                .body("reason", containsString("in use by a virtual machine")).body("reason", not(containsString(adminVm)));
        api().post("/api/storagepools/" + pool + "/deactivate").then().statusCode(409)
                .body("reason", containsString("virtual machine " + adminVm));
        api().get("/api/storagepools/" + pool).then().body("state", equalTo("active"));

        api().delete("/api/vms/" + adminVm).then().statusCode(204);
        api().delete("/api/storagepools/" + pool).then().statusCode(204);
    }

    // helpers

    private static ValidatableResponse attachDisk(RequestSpecification as, String vm, String volume) {
        return as.contentType(ContentType.JSON)
                .body("{\"type\": \"disk\", \"pool\": \"" + POOL + "\", \"vol\": \"" + volume + "\"}")
                .post("/api/vms/" + vm + "/storages").then();
    }

    /** An account whose role manages storage and its own VMs, without seeing everyone's. */
    private String storageKeeper() {
        String role = "keeper-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + role + "\", \"permissions\": [\"vm.read\", \"vm.create\","
                + " \"vm.manage\", \"template.read\", \"storage.read\", \"storage.manage\", \"network.read\", \"task.read\"]}")
                .post("/api/roles").then().statusCode(201);
        String group = "keepers-" + suffix;
        api().contentType(ContentType.JSON).body("{\"display\": \"Keepers\", \"role\": [\"" + role + "\"]}")
                .post("/api/user_groups/" + group).then().statusCode(201);
        return user(group);
    }

    /** A new account in {@code group}; its password is {@link #password}. */
    private static String user(String group) {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"password\": \"" + password(name) + "\", \"groups\": [\"" + group + "\"]}")
                .post("/api/users").then().statusCode(201);
        return name;
    }

    private static String password(String user) {
        return "pw-" + new StringBuilder(user).reverse() + "-7";
    }

    private static RequestSpecification as(String user) {
        return TestAccounts.as(Vireo.BASE, user, password(user));
    }

    private String template() {
        String name = "own-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"memory\": {\"current\": 256, \"maxmemory\": 512},"
                        + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + POOL + "\"}}]}")
                .post("/api/templates").then().statusCode(201);
        return name;
    }

    /** A VM made from the template by {@code as}; answers its name. */
    private static String vm(RequestSpecification as, String template, String name) {
        String task = as.contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        finished(task);
        return name;
    }

    private static void finished(String taskId) {
        JsonPath[] task = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            task[0] = api().get("/api/tasks/" + taskId).then().extract().jsonPath();
            return !"running".equals(task[0].getString("status"));
        });
        assertThat(task[0].getString("status")).as(task[0].getString("message")).isEqualTo("finished");
    }

    private static int tasksOwnedBy(String owner) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select count(*) from task where owner = ?")) {
            query.setString(1, owner);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The results of an account's audited {@code action}s, oldest first, as the database holds them. */
    private static List<String> auditResults(String actor, String action) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement(
                     "select result from audit_event where actor = ? and action = ? order by id")) {
            query.setString(1, actor);
            query.setString(2, action);
            List<String> results = new java.util.ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    results.add(rows.getString(1));
                }
            }
            return results;
        }
    }
}
