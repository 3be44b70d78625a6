package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
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

/** The VM PUT and the reset action, on a VM made from a template on the test driver. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VmUpdateIT {

    private String vm;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    /** The accounts the VM is shared with must exist. */
    @BeforeEach
    void accounts() {
        for (String user : java.util.List.of("alice", "bob")) {
            api().contentType(ContentType.JSON).body("{\"name\": \"" + user + "\", \"password\": \"" + user + "-password-1\"}")
                    .post("/api/users").then().statusCode(org.hamcrest.Matchers.oneOf(201, 409));
        }
        api().contentType(ContentType.JSON).body("{\"name\": \"ops\", \"role\": [\"user\"]}")
                .post("/api/user_groups").then().statusCode(org.hamcrest.Matchers.oneOf(201, 409));
    }

    @BeforeEach
    void aVm() {
        String template = "upd-" + UUID.randomUUID().toString().substring(0, 8);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"memory\": {\"current\": 512, \"maxmemory\": 1024}, \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        vm = template + "-vm";
        String task = api().contentType(ContentType.JSON)
                .body("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + vm + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "finished".equals(api().get("/api/tasks/" + task).then().extract().path("status")));
    }

    @Test
    void changesEveryPersistentFieldOfAStoppedVm() {
        put("{\"memory\": {\"current\": 768, \"maxmemory\": 2048}, \"cpu_info\": {\"topology\": {\"sockets\": 2, \"cores\": 1, \"threads\": 1}},"
                + " \"bootorder\": [\"network\", \"hd\"], \"bootmenu\": true, \"title\": \"Build <box>\", \"description\": \"CI & CD\","
                + " \"autostart\": true, \"users\": [\"alice\", \"bob\"], \"groups\": [\"ops\"]}")
                .statusCode(200)
                .header("Warning", nullValue());
        api().get("/api/vms/" + vm).then()
                .body("state", equalTo("shutoff"))
                .body("memory.current", equalTo(768))
                .body("memory.maxmemory", equalTo(2048))
                .body("cpu_info.vcpus", equalTo(2))
                .body("cpu_info.maxvcpus", equalTo(2))
                .body("cpu_info.topology.sockets", equalTo(2))
                .body("bootorder", contains("network", "hd"))
                .body("bootmenu", equalTo(true))
                .body("title", equalTo("Build <box>"))
                .body("description", equalTo("CI & CD"))
                .body("autostart", equalTo(true))
                .body("users", contains("alice", "bob"))
                .body("groups", contains("ops"));
    }

    @Test
    void setsAConsolePasswordWithALifetime() {
        // the answer never shows the password (connect gives a fresh one to its caller alone)
        String first = put("{\"graphics\": {\"passwd\": \"s3cret\", \"passwdValidTo\": 600}}").statusCode(200)
                .body("graphics", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("passwd")))
                .body("graphics.passwdValidTo", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"))
                .extract().path("graphics.passwdValidTo");
        put("{\"graphics\": {}}").statusCode(200)
                .body("graphics", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("passwd")))
                .body("graphics.passwdValidTo", org.hamcrest.Matchers.not(equalTo(first)));
        put("{\"graphics\": {\"type\": \"spice\"}}").statusCode(200).body("graphics.type", equalTo("spice"));
    }

    @Test
    void neverChangesThePowerStateAndSaysWhatWaitsForTheNextStart() {
        api().post("/api/vms/" + vm + "/start").then().statusCode(200);
        put("{\"memory\": {\"current\": 256, \"maxmemory\": 1536}}")
                .statusCode(200)
                .header("Warning", containsString("memory.maxmemory"))
                .body("state", equalTo("running"))
                .body("memory.current", equalTo(256));
        put("{\"title\": \"still running\"}").statusCode(200).body("state", equalTo("running"));
        api().post("/api/vms/" + vm + "/poweroff").then().statusCode(200);
        api().get("/api/vms/" + vm).then().body("memory.maxmemory", equalTo(1536)).body("title", equalTo("still running"));
    }

    @Test
    void renamesOnlyWhenShutOffAndKeepsAutostart() {
        String renamed = vm + "-2";
        put("{\"autostart\": true}").statusCode(200);
        api().post("/api/vms/" + vm + "/start").then().statusCode(200);
        put("{\"name\": \"" + renamed + "\"}").statusCode(409).body("code", equalTo("VMS0005E"));
        api().post("/api/vms/" + vm + "/poweroff").then().statusCode(200);
        api().redirects().follow(false).contentType(ContentType.JSON).body("{\"name\": \"" + renamed + "\"}")
                .put("/api/vms/" + vm).then()
                .statusCode(303)
                .header("Location", endsWith("/api/vms/" + renamed));
        api().get("/api/vms/" + vm).then().statusCode(404);
        api().get("/api/vms/" + renamed).then().statusCode(200).body("autostart", equalTo(true));
        put(renamed, "{\"name\": \"test\"}").statusCode(409).body("code", equalTo("VMS0006E"));
    }

    @Test
    void refusesInvalidChangesAndChangesNothing() {
        put("{\"memory\": {\"current\": 4000}}").statusCode(400).body("code", equalTo("TMPL0007E"));
        put("{\"cpu_info\": {\"vcpus\": 3, \"topology\": {\"sockets\": 2, \"cores\": 2, \"threads\": 1}}}").statusCode(400)
                .body("code", equalTo("TMPL0006E"));
        put("{\"bootorder\": [\"usb\"]}").statusCode(400).body("code", equalTo("API0002E"));
        put("{\"graphics\": {\"type\": \"rdp\"}}").statusCode(400).body("code", equalTo("TMPL0009E"));
        put("{\"users\": [\"bad user\"]}").statusCode(400).body("code", equalTo("NAME0001E"));
        put("{\"users\": [\"nobody-here\"]}").statusCode(400).body("code", equalTo("API0002E"))
                .body("reason", org.hamcrest.Matchers.containsString("nobody-here"));
        put("{\"groups\": [\"no-such-group\"]}").statusCode(400).body("code", equalTo("API0002E"));
        put("{\"state\": \"running\"}").statusCode(400).body("code", equalTo("API0003E"));
        api().get("/api/vms/" + vm).then()
                .body("memory.current", equalTo(512))
                .body("bootorder", contains("hd", "network"))
                .body("graphics.type", equalTo("vnc"))
                .body("users", equalTo(java.util.List.of()));
        put("no-such-vm", "{\"title\": \"x\"}").statusCode(404).body("code", equalTo("VMS0004E"));
    }

    @Test
    void showsTheScreenOfARunningVmAsPng() throws java.io.IOException {
        api().get("/api/vms/" + vm).then().body("screenshot", nullValue());
        api().get("/api/vms/" + vm + "/screenshot").then().statusCode(409).body("code", equalTo("VMS0005E"));
        api().post("/api/vms/" + vm + "/start").then().statusCode(200)
                .body("screenshot", equalTo("/plugins/kimchi/vms/" + vm + "/screenshot"));
        byte[] png = api().accept("image/png").get("/plugins/kimchi/vms/" + vm + "/screenshot").then()
                .statusCode(200)
                .contentType("image/png")
                .extract().asByteArray();
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        org.assertj.core.api.Assertions.assertThat(image).isNotNull();
        org.assertj.core.api.Assertions.assertThat(image.getWidth()).isPositive();
        api().get("/api/config/capabilities").then().body("screenshot", equalTo(true));
        api().get("/api/vms/no-such-vm/screenshot").then().statusCode(404).body("code", equalTo("VMS0004E"));
    }

    @Test
    void preparesConsoleAccessOnlyForRunningVms() {
        api().post("/api/vms/" + vm + "/connect").then().statusCode(409).body("code", equalTo("VMS0005E"));
        api().get("/api/vms/" + vm + "/virtviewerfile").then().statusCode(409).body("code", equalTo("VMS0005E"));
        api().contentType(ContentType.JSON).body("{\"lifetime\": 5}").post("/api/vms/" + vm + "/connect").then()
                .statusCode(400).body("code", equalTo("API0003E"));
        api().contentType(ContentType.JSON).body("{\"passwdValidTo\": \"soon\"}").post("/api/vms/" + vm + "/connect").then()
                .statusCode(400).body("code", equalTo("API0002E"));
        api().post("/api/vms/no-such-vm/connect").then().statusCode(404);
    }

    @Test
    void refusesMigrationsItCannotMakeAtOnce() {
        migrate(vm, "{}").statusCode(400).body("code", equalTo("API0010E"));
        migrate(vm, "{\"remote_host\": \"peer.example\", \"password\": \"x\"}").statusCode(400)
                .body("code", equalTo("VMS0018E")).body("reason", containsString("SSH key"));
        migrate(vm, "{\"remote_host\": \"no host!\"}").statusCode(400).body("code", equalTo("VMS0018E"));
        migrate(vm, "{\"remote_host\": \"http://peer.example/system\"}").statusCode(400).body("code", equalTo("VMS0018E"));
        migrate(vm, "{\"remote_host\": \"peer.example\", \"user\": \"root;rm\"}").statusCode(400)
                .body("code", equalTo("VMS0018E"));
        migrate("no-such-vm", "{\"remote_host\": \"peer.example\"}").statusCode(404).body("code", equalTo("VMS0004E"));
        api().get("/api/vms/" + vm).then().statusCode(200);
    }

    private static ValidatableResponse migrate(String name, String json) {
        return api().contentType(ContentType.JSON).body(json).post("/api/vms/" + name + "/migrate").then();
    }

    @Test
    void resetsARunningVmOnly() {
        api().post("/api/vms/" + vm + "/reset").then().statusCode(409).body("code", equalTo("VMS0005E"));
        api().post("/api/vms/" + vm + "/start").then().statusCode(200);
        api().post("/api/vms/" + vm + "/reset").then().statusCode(200).body("state", equalTo("running"))
                .body("uuid", notNullValue());
    }

    private ValidatableResponse put(String json) {
        return put(vm, json);
    }

    private static ValidatableResponse put(String name, String json) {
        return api().contentType(ContentType.JSON).body(json).put("/api/vms/" + name).then();
    }
}
