package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The Xen REST face (seed xen-rest-api.md) on the test driver: every route with its documented
 * codes and its bad inputs, each change checked where Vireo shows VMs (/api/vms) and in libvirt's
 * own XML, and the native /api/vms/{name}/definition over the same service.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class XenRestIT {

    private static final String NODES = "/libvirt/xen/nodes";
    private static final String NO_SUCH_UUID = "00000000-0000-0000-0000-0000000000aa";

    private String suffix;
    private final List<String> domains = new ArrayList<>();

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void suffix() {
        suffix = UUID.randomUUID().toString().substring(0, 6);
    }

    @AfterEach
    void removeTheDomains() {
        for (String name : domains) {
            api().post(NODES + "/" + name + "/destroy");
            api().post(NODES + "/" + name + "/delete");
        }
    }

    /** The seed's example definition, named {@code name} with a UUID of its own. */
    private static JsonObject seedDomain(String name, String uuid) {
        JsonObject seed;
        try (InputStream in = XenRestIT.class.getResourceAsStream("/xen/seed-create-test0.json")) {
            seed = Json.createReader(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8))).readObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        JsonObject domain = seed.getJsonObject("domain");
        // the seed's two disks share one drive address, which libvirt refuses: the CD-ROM takes the next unit
        JsonObject devices = domain.getJsonObject("devices");
        JsonObject cdrom = devices.getJsonArray("disk").getJsonObject(1);
        JsonObject fixedCdrom = Json.createObjectBuilder(cdrom)
                .add("address", Json.createObjectBuilder(cdrom.getJsonObject("address")).add("@unit", "1")).build();
        JsonObjectBuilder fixed = Json.createObjectBuilder(domain).add("name", name)
                .add("devices", Json.createObjectBuilder(devices).add("disk",
                        Json.createArrayBuilder().add(devices.getJsonArray("disk").get(0)).add(fixedCdrom)));
        if (uuid == null) {
            fixed.remove("uuid");
        } else {
            fixed.add("uuid", uuid);
        }
        return Json.createObjectBuilder().add("domain", fixed).build();
    }

    private String define(String name) {
        domains.add(name);
        String uuid = UUID.randomUUID().toString();
        api().contentType(ContentType.JSON).body(seedDomain(name, uuid).toString()).post(NODES + "/create")
                .then().statusCode(201);
        return uuid;
    }

    private static String state(String vm) {
        return api().get("/api/vms/" + vm).then().statusCode(200).extract().path("state");
    }

    private static void refused(Response response, int status, String code, String... inReason) {
        response.then().statusCode(status).body("code", equalTo(code));
        for (String text : inReason) {
            response.then().body("reason", containsString(text));
        }
    }

    @Test
    void aDomainDefinedFromTheSeedsJsonIsAVireoVmShownAsTheSeedShowsIt() {
        String name = "xen-" + suffix;
        domains.add(name);
        String uuid = UUID.randomUUID().toString();
        JsonObject sent = seedDomain(name, uuid);

        Response created = api().contentType(ContentType.JSON).body(sent.toString()).post(NODES + "/create");

        created.then().statusCode(201).body("Uuid", equalTo(uuid)).body("Warnings", equalTo(List.of()))
                .header("Location", containsString(NODES + "/" + uuid + "/json"));
        // a VM of Vireo's, the caller's own, shut off
        api().get("/api/vms/" + name).then().statusCode(200).body("uuid", equalTo(uuid)).body("state", equalTo("shutoff"))
                .body("memory.current", equalTo(1024)).body("cpu_info.vcpus", equalTo(2));
        api().get("/api/vms").then().body("name", hasItem(name));
        // inspect by UUID and by name: the seed's shape, the sent definition kept
        for (String id : List.of(uuid, name, uuid.replace("-", "").toUpperCase())) {
            JsonPath shown = api().get(NODES + "/" + id + "/json").then().statusCode(200).extract().jsonPath();
            assertThat(shown.getString("domain.name")).isEqualTo(name);
            assertThat(shown.getString("domain.uuid")).isEqualTo(uuid);
            assertThat(shown.getString("domain.'@type'")).isEqualTo("xen");
            assertThat(shown.getString("domain.memory.'#text'")).isEqualTo("1048576");
            assertThat(shown.getString("domain.memory.'@unit'")).isEqualTo("KiB");
            assertThat(shown.getList("domain.devices.disk.source.'@file'")).containsExactly(
                    "/home/gemini/images/test0.raw", "/home/gemini/iso/CentOS-6.7-x86_64-minimal.iso");
            assertThat(shown.getMap("domain.devices.disk[1]")).containsEntry("readonly", null);
            assertThat(shown.getList("domain.os.boot.'@dev'")).containsExactly("hd", "cdrom");
            assertThat(shown.getString("domain.devices.interface.source.'@bridge'")).isEqualTo("ovs0");
            // Vireo's own metadata: the caller owns it
            assertThat(shown.getString("domain.metadata.'vireo:vm'.'vireo:owner'")).isEqualTo("admin");
        }
        // audited under the domain's name
        api().get("/api/logs?limit=20&action=domain.define").then().statusCode(200)
                .body("findAll { it.target == '" + name + "' }.size()", equalTo(1));
    }

    @Test
    void theSeedsOwnExampleIsRefusedByLibvirtAndNothingIsDefined() {
        String name = "xen-bad-" + suffix;
        JsonObject seed = seedDomain(name, null);
        JsonObject domain = seed.getJsonObject("domain");
        JsonObject devices = domain.getJsonObject("devices");
        JsonObject cdrom = devices.getJsonArray("disk").getJsonObject(1);
        // the seed's two disks at one drive address
        JsonObject clash = Json.createObjectBuilder().add("domain", Json.createObjectBuilder(domain).add("devices",
                Json.createObjectBuilder(devices).add("disk", Json.createArrayBuilder()
                        .add(devices.getJsonArray("disk").get(0))
                        .add(Json.createObjectBuilder(cdrom).add("address", Json.createObjectBuilder(
                                cdrom.getJsonObject("address")).add("@unit", "0")))))).build();

        Response response = api().contentType(ContentType.JSON).body(clash.toString()).post(NODES + "/create");

        assertThat(response.statusCode()).as(response.asString()).isIn(400, 409);
        assertThat(response.jsonPath().getString("reason")).contains("duplicate drive address");
        api().get("/api/vms/" + name).then().statusCode(404);
    }

    @Test
    void createRefusesWhatIsNoDefinitionNamingWhy() {
        String name = "xen-in-" + suffix;
        refused(api().contentType(ContentType.JSON).body("{\"domain\": ").post(NODES + "/create"), 400, "API0001E");
        refused(api().contentType(ContentType.JSON).body("").post(NODES + "/create"), 400, "API0008E");
        refused(api().contentType(ContentType.JSON).body("{\"network\": {\"name\": \"" + name + "\"}}").post(NODES + "/create"),
                400, "XEN0001E", "root element must be 'domain'");
        refused(api().contentType(ContentType.JSON).body("{\"domain\": {\"name\": \"../etc\"}}").post(NODES + "/create"),
                400, "NAME0001E");
        refused(api().contentType(ContentType.JSON).body("{\"domain\": {\"@type\": \"test\"}}").post(NODES + "/create"),
                400, "XEN0001E", "domain.name is missing");
        refused(api().contentType(ContentType.JSON).body("{\"domain\": {\"name\": \"" + name + "\", \"q:x\": null}}")
                .post(NODES + "/create"), 400, "XEN0001E", "prefix 'q' is not declared");
        refused(api().contentType(ContentType.JSON).body("{\"domain\": {\"name\": \"" + name + "\", \"bad name\": null}}")
                .post(NODES + "/create"), 400, "XEN0001E", "not a valid XML name");
        refused(api().contentType(ContentType.JSON).body("{\"domain\": {\"name\": \"" + name + "\", \"vcpu\": true}}")
                .post(NODES + "/create"), 400, "API0002E", "domain.vcpu");
        String deep = "{\"domain\": {\"name\": \"" + name + "\", \"x\": " + "{\"a\": ".repeat(5000) + "null"
                + "}".repeat(5000) + "}}";
        refused(api().contentType(ContentType.JSON).body(deep).post(NODES + "/create"), 400, "XEN0001E", "deeper than");
        refused(api().contentType(ContentType.JSON).body("{\"domain\": {\"name\": \"" + name + "\", \"uuid\": \"nope\"}}")
                .post(NODES + "/create"), 400, "XEN0004E");
        api().get("/api/vms/" + name).then().statusCode(404);
    }

    @Test
    void aRedefinitionKeepsTheDomainsIdentityAndVireosMetadata() {
        String name = "xen-re-" + suffix;
        String uuid = define(name);
        JsonObject again = seedDomain(name, null);
        JsonObject domain = again.getJsonObject("domain");
        // no UUID: the domain keeps its own; Vireo's metadata sent by the client is Vireo's to keep
        JsonObject redefined = Json.createObjectBuilder().add("domain", Json.createObjectBuilder(domain)
                .add("description", "redefined")
                .add("metadata", Json.createObjectBuilder().add("vireo:vm", Json.createObjectBuilder()
                        .add("@xmlns:vireo", "https://vireo.dev/xmlns/vm/1").add("vireo:owner", "someone-else")))).build();

        api().contentType(ContentType.JSON).body(redefined.toString()).post(NODES + "/create").then().statusCode(201)
                .body("Uuid", equalTo(uuid)).body("Warnings[0]", containsString("Vireo's own"));

        JsonPath shown = api().get(NODES + "/" + name + "/json").then().statusCode(200).extract().jsonPath();
        assertThat(shown.getString("domain.description")).isEqualTo("redefined");
        assertThat(shown.getString("domain.metadata.'vireo:vm'.'vireo:owner'")).isEqualTo("admin");
        // another UUID for the same name is refused: a definition cannot change a domain's identity
        refused(api().contentType(ContentType.JSON).body(seedDomain(name, UUID.randomUUID().toString()).toString())
                .post(NODES + "/create"), 409, "XEN0005E", uuid);
        // a new name with the UUID of an existing domain too
        refused(api().contentType(ContentType.JSON).body(seedDomain(name + "-2", uuid).toString())
                .post(NODES + "/create"), 409, "XEN0005E");
        api().get("/api/vms/" + name + "-2").then().statusCode(404);
    }

    @Test
    void listShowsRunningDomainsUnlessAllAndTakesXmlFlags() {
        String name = "xen-ls-" + suffix;
        define(name);

        assertThat(api().get(NODES + "/json").then().statusCode(200).extract().jsonPath().getList("domain.name"))
                .doesNotContain(name).contains("test");
        for (String all : List.of("1", "true", "True")) {
            assertThat(api().get(NODES + "/json?all=" + all).then().statusCode(200).extract().jsonPath()
                    .getList("domain.name")).contains(name, "test");
        }
        assertThat(api().get(NODES + "/json?all=0&flag=2").then().statusCode(200).extract().jsonPath()
                .getList("domain.name")).doesNotContain(name);
        assertThat(api().get(NODES + "/json?all=false&flag=11").then().statusCode(200).extract().jsonPath()
                .getList("domain.name")).contains("test");
        refused(api().get(NODES + "/json?all=yes"), 400, "XEN0004E", "all");
        refused(api().get(NODES + "/json?flag=16"), 400, "XEN0002E", "0 (VIR_DOMAIN_XML_DEFAULT)", "8 (VIR_DOMAIN_XML_MIGRATABLE)");
        refused(api().get(NODES + "/json?flag=-1"), 400, "XEN0002E");
        refused(api().get(NODES + "/json?host=no-such-host"), 404, "ZONE0001E");
        api().get(NODES + "/json?host=local&all=1").then().statusCode(200).body("domain.name", hasItem(name));
    }

    @Test
    void lifecycleAnswers204And304AsTheSeedSays() {
        String name = "xen-lc-" + suffix;
        String uuid = define(name);

        api().post(NODES + "/" + uuid + "/start").then().statusCode(204).body(emptyString());
        assertThat(state(name)).isEqualTo("running");
        api().post(NODES + "/" + name + "/start").then().statusCode(304);
        api().post(NODES + "/" + name + "/suspend").then().statusCode(204);
        assertThat(state(name)).isEqualTo("paused");
        refused(api().post(NODES + "/" + name + "/suspend"), 409, "XEN0006E", "paused");
        api().post(NODES + "/" + name + "/resume").then().statusCode(204);
        assertThat(state(name)).isEqualTo("running");
        refused(api().post(NODES + "/" + name + "/resume"), 409, "XEN0006E", "running");
        api().post(NODES + "/" + name + "/restart?flag=0").then().statusCode(204);
        assertThat(state(name)).isEqualTo("running");
        api().post(NODES + "/" + name + "/stop").then().statusCode(204);
        assertThat(state(name)).isEqualTo("shutoff");
        api().post(NODES + "/" + name + "/stop").then().statusCode(304);
        api().post(NODES + "/" + name + "/destroy").then().statusCode(304);
        refused(api().post(NODES + "/" + name + "/restart"), 409, "XEN0006E", "shutoff");
        api().post(NODES + "/" + name + "/start?flag=0").then().statusCode(204);
        api().post(NODES + "/" + uuid + "/destroy?flag=1").then().statusCode(204);
        assertThat(state(name)).isEqualTo("shutoff");
        // audited, each under the name or UUID it was asked by
        api().get("/api/logs?limit=50&action=domain.start").then().statusCode(200)
                .body("target", hasItem(uuid));
    }

    @Test
    void flagsAreCheckedBeforeLibvirtAndValidOnesReachIt() {
        String name = "xen-fl-" + suffix;
        define(name);

        refused(api().post(NODES + "/" + name + "/start?flag=32"), 400, "XEN0002E", "16 (VIR_DOMAIN_START_VALIDATE)");
        refused(api().post(NODES + "/" + name + "/stop?flag=x"), 400, "XEN0002E", "VIR_DOMAIN_SHUTDOWN_PARAVIRT");
        refused(api().post(NODES + "/" + name + "/destroy?flag=2"), 400, "XEN0002E", "1 (VIR_DOMAIN_DESTROY_GRACEFUL)");
        refused(api().post(NODES + "/" + name + "/restart?flag=64"), 400, "XEN0002E", "VIR_DOMAIN_REBOOT_PARAVIRT");
        refused(api().post(NODES + "/" + name + "/delete?flag=8"), 400, "XEN0002E", "4 (VIR_DOMAIN_UNDEFINE_NVRAM)");
        refused(api().get(NODES + "/" + name + "/json?flag=1.0"), 400, "XEN0002E");
        assertThat(state(name)).isEqualTo("shutoff");
        // a flag libvirt takes but this driver does not: libvirt itself refuses it, so it did reach libvirt
        refused(api().post(NODES + "/" + name + "/start?flag=1"), 400, "HOST0005E", "unsupported flags (0x1)");
        assertThat(state(name)).isEqualTo("shutoff");
    }

    @Test
    void unknownDomainsAre404ByNameAndByUuid() {
        for (String id : List.of("xen-none-" + suffix, NO_SUCH_UUID, "not%20a%20name")) {
            refused(api().get(NODES + "/" + id + "/json"), 404, "XEN0003E");
            for (String action : List.of("start", "stop", "destroy", "restart", "delete", "suspend", "resume",
                    "memory/resize?size=1", "vcpu/resize?size=1")) {
                refused(api().post(NODES + "/" + id + "/" + action), 404, "XEN0003E");
            }
            refused(api().contentType(ContentType.JSON).body("{\"disk\": {\"@type\": \"file\"}}")
                    .post(NODES + "/" + id + "/devices/attach"), 404, "XEN0003E");
        }
    }

    @Test
    void memoryAndVcpusChangeWithTheirTypeAndFlags() {
        String name = "xen-sz-" + suffix;
        define(name);
        api().post(NODES + "/" + name + "/start").then().statusCode(204);

        api().post(NODES + "/" + name + "/memory/resize?size=524288&type=target&flag=1").then().statusCode(204);
        api().get("/api/vms/" + name).then().body("memory.current", equalTo(512));
        api().post(NODES + "/" + name + "/memory/resize?size=2097152&type=max&flag=2").then().statusCode(204);
        assertThat(api().get(NODES + "/" + name + "/json?flag=2").then().statusCode(200).extract().jsonPath()
                .getString("domain.memory.'#text'")).isEqualTo("2097152");
        api().post(NODES + "/" + name + "/vcpu/resize?size=1&flag=1").then().statusCode(204);
        api().get("/api/vms/" + name).then().body("cpu_info.vcpus", equalTo(1));

        refused(api().post(NODES + "/" + name + "/memory/resize"), 400, "XEN0004E", "size");
        refused(api().post(NODES + "/" + name + "/memory/resize?size=0"), 400, "XEN0004E", "size");
        refused(api().post(NODES + "/" + name + "/memory/resize?size=12ab"), 400, "XEN0004E");
        refused(api().post(NODES + "/" + name + "/memory/resize?size=1024&type=min"), 400, "XEN0004E", "max", "target");
        refused(api().post(NODES + "/" + name + "/memory/resize?size=1024&flag=4"), 400, "XEN0002E",
                "1 (VIR_DOMAIN_AFFECT_LIVE), 2 (VIR_DOMAIN_AFFECT_CONFIG)");
        refused(api().post(NODES + "/" + name + "/vcpu/resize?size=0"), 400, "XEN0004E");
        refused(api().post(NODES + "/" + name + "/vcpu/resize?size=1&flag=8"), 400, "XEN0002E");
        api().get("/api/vms/" + name).then().body("memory.current", equalTo(512)).body("cpu_info.vcpus", equalTo(1));
    }

    @Test
    void attachTakesOneDeviceElementAndItsFlags() {
        String name = "xen-at-" + suffix;
        define(name);
        String disk = "{\"disk\": {\"@type\": \"file\", \"@device\": \"disk\", \"source\": {\"@file\": \"/tmp/x.img\"},"
                + " \"target\": {\"@dev\": \"vdb\", \"@bus\": \"virtio\"}}}";

        refused(api().contentType(ContentType.JSON).body(disk).post(NODES + "/" + name + "/devices/attach?flag=4"),
                400, "XEN0002E");
        refused(api().contentType(ContentType.JSON).body("{\"domain\": {}}").post(NODES + "/" + name + "/devices/attach"),
                400, "XEN0001E", "interface");
        refused(api().contentType(ContentType.JSON).body("{\"disk\": {\"@type\": {}}}").post(NODES + "/" + name
                + "/devices/attach"), 400, "API0002E", "disk.@type");
        // the test driver has no device attachment: libvirt's own answer (the real hypervisor attaches it)
        refused(api().contentType(ContentType.JSON).body(disk).post(NODES + "/" + name + "/devices/attach?flag=2"),
                409, "HOST0002E", "virDomainAttachDeviceFlags");
    }

    @Test
    void deleteUndefinesAndARunningDomainGoesOnAsTransient() {
        String name = "xen-del-" + suffix;
        define(name);
        api().post(NODES + "/" + name + "/start").then().statusCode(204);

        api().post(NODES + "/" + name + "/delete?flag=2").then().statusCode(204);

        api().get("/api/vms/" + name).then().statusCode(200).body("persistent", equalTo(false))
                .body("state", equalTo("running"));
        api().post(NODES + "/" + name + "/destroy").then().statusCode(204);
        api().get("/api/vms/" + name).then().statusCode(404);
        refused(api().get(NODES + "/" + name + "/json"), 404, "XEN0003E");
    }

    @Test
    void theNativeDefinitionIsTheSameServiceUnderApiVms() {
        String name = "xen-nat-" + suffix;
        String uuid = define(name);

        JsonObject viaXen = Json.createReader(new StringReader(api().get(NODES + "/" + uuid + "/json?flag=2").asString()))
                .readObject();
        JsonObject viaApi = Json.createReader(new StringReader(api().get("/api/vms/" + name + "/definition?flag=2")
                .then().statusCode(200).extract().asString())).readObject();
        assertThat(viaApi).isEqualTo(viaXen);

        JsonObject changed = Json.createObjectBuilder().add("domain", Json.createObjectBuilder(viaApi.getJsonObject("domain"))
                .add("title", "from the native API")).build();
        api().contentType(ContentType.JSON).body(changed.toString()).put("/api/vms/" + name + "/definition")
                .then().statusCode(200).body("domain.title", equalTo("from the native API"));
        api().get("/api/vms/" + name).then().statusCode(200).body("title", equalTo("from the native API"))
                .body("uuid", equalTo(uuid));

        JsonObject renamed = Json.createObjectBuilder().add("domain", Json.createObjectBuilder(viaApi.getJsonObject("domain"))
                .add("name", name + "-x")).build();
        refused(api().contentType(ContentType.JSON).body(renamed.toString()).put("/api/vms/" + name + "/definition"),
                400, "XEN0001E", "cannot rename");
        refused(api().get("/api/vms/xen-none-" + suffix + "/definition"), 404, "VMS0004E");
        refused(api().contentType(ContentType.JSON).body(seedDomain("xen-none-" + suffix, null).toString())
                .put("/api/vms/xen-none-" + suffix + "/definition"), 404, "XEN0003E");
        api().get("/api/vms/xen-none-" + suffix).then().statusCode(404);
    }

    @Test
    void aUserSeesOnlyTheirDomainsAndNeedsHostManageForRawXml() {
        String name = "xen-perm-" + suffix;
        String uuid = define(name);
        String user = "xenuser-" + suffix;
        String password = "pw-" + suffix + "-Xen-9";
        api().contentType(ContentType.JSON).body("{\"name\": \"" + user + "\", \"password\": \"" + password + "\"}")
                .post("/api/users").then().statusCode(201);
        try {
            RequestSpecification asUser = TestAccounts.as(Vireo.BASE, user, password);
            asUser.get(NODES + "/json?all=1").then().statusCode(200).body("domain.name", not(hasItem(name)));
            refused(TestAccounts.as(Vireo.BASE, user, password).get(NODES + "/" + uuid + "/json"), 404, "XEN0003E");
            refused(TestAccounts.as(Vireo.BASE, user, password).post(NODES + "/" + name + "/start"), 404, "XEN0003E");
            String own = "xen-mine-" + suffix;
            refused(TestAccounts.as(Vireo.BASE, user, password).contentType(ContentType.JSON)
                    .body(seedDomain(own, null).toString()).post(NODES + "/create"), 403, "AUTH0004E", "host.manage");
            api().get("/api/vms/" + own).then().statusCode(404);
            assertThat(state(name)).isEqualTo("shutoff");
        } finally {
            api().delete("/api/users/" + user);
        }
    }

    @Test
    void theFaceAnswersOnlyUnderItsOwnPaths() {
        api().get(NODES + "/json").then().statusCode(200);
        api().get("/api" + NODES + "/json").then().statusCode(200);
        Vireo.anonymous().get(NODES + "/json").then().statusCode(401);
        Map<String, Object> body = api().get(NODES + "/nothing/here/at/all").then().statusCode(404).extract().jsonPath().getMap("$");
        assertThat(body).containsKey("code");
    }
}
