package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
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
 * VMs across the zone's hosts: placement by free memory in a compute pool, hosts skipped when
 * disabled or full, VMs listed with their host, and {@code ?host=} when a name is on two hosts.
 * Each host is a private test-driver file; the test driver keeps its state in the server, so what
 * a host holds is asserted through the API.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ZonePlacementIT {

    private String suffix;
    private String pool;
    private String template;
    private Path dir;
    private final List<String> hosts = new ArrayList<>();

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void aPoolAndATemplate() throws IOException {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        pool = "zp-" + suffix;
        template = "zt-" + suffix;
        dir = Files.createTempDirectory("vireo-zone-");
        api().contentType(ContentType.JSON).body("{\"name\": \"" + pool + "\"}").post("/api/computepools").then()
                .statusCode(201);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"memory\": {\"current\": 1024, \"maxmemory\": 1024},"
                        + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
    }

    @AfterEach
    void forgetTheZone() {
        hosts.forEach(host -> api().delete("/api/hosts/" + host));
        api().delete("/api/computepools/" + pool);
        api().delete("/api/templates/" + template);
    }

    @Test
    void aVmGoesToTheHostWithTheMostFreeMemoryAndNeverToOneDisabledOrFull() throws IOException {
        String full = register("full", new TestDriverHost().memoryMiB(2048).domain("busy-" + suffix, 1536, 1));
        String roomy = register("roomy", new TestDriverHost().memoryMiB(8192).domain("work-" + suffix, 2048, 2));
        String small = register("small", new TestDriverHost().memoryMiB(4096).shutOffDomain("idle-" + suffix, 4096, 2));
        // nothing listens on port 2: never connected, so never a candidate, and its VMs are not listed
        String away = "away-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + away + "\", \"uri\": \"qemu+tcp://127.0.0.1:2/system\", "
                + "\"pool\": \"" + pool + "\"}").post("/api/hosts").then().statusCode(201);
        hosts.add(away);

        String first = "v1-" + suffix;
        assertThat(finished(create(first, "\"computepool\": \"" + pool + "\"")))
                .isEqualTo("created virtual machine " + first + ": placed on " + roomy + " (most free memory: 6,144 MiB)");
        api().get("/api/vms/" + first).then().statusCode(200).body("host", equalTo(roomy)).body("state", equalTo("shutoff"));
        api().get("/plugins/kimchi/vms/" + first).then().statusCode(200).body("host", equalTo(roomy));

        api().contentType(ContentType.JSON).body("{\"enabled\": false}").put("/api/hosts/" + roomy).then().statusCode(200);
        String second = "v2-" + suffix;
        assertThat(finished(create(second, "\"computepool\": \"" + pool + "\"")))
                .endsWith("placed on " + small + " (most free memory: 4,096 MiB)");
        api().get("/api/vms/" + second).then().body("host", equalTo(small));

        api().contentType(ContentType.JSON).body("{\"enabled\": false}").put("/api/hosts/" + small).then().statusCode(200);
        create("v3-" + suffix, "\"computepool\": \"" + pool + "\"").statusCode(409)
                .body("code", equalTo("ZONE0012E"))
                .body("reason", allOf(containsString("in compute pool " + pool),
                        containsString(full + ": memory short by 512 MiB"),
                        containsString(roomy + ": disabled"), containsString(small + ": disabled"),
                        matchesPattern(".*" + away + ": (reconnecting|down).*")));
        create("v3-" + suffix, "\"host\": \"" + full + "\"").statusCode(409)
                .body("code", equalTo("ZONE0012E")).body("reason", containsString("memory short by 512 MiB"));
        api().get("/api/vms/v3-" + suffix).then().statusCode(404);

        // a name is the zone's: taken on one host, it is taken everywhere
        create(first, "\"host\": \"local\"").statusCode(409).body("code", equalTo("VMS0006E"));
        create(first, "").statusCode(409).body("code", equalTo("VMS0006E"));
        api().contentType(ContentType.JSON).body("{\"name\": \"busy-" + suffix + "\"}").put("/api/vms/" + second).then()
                .statusCode(409).body("code", equalTo("VMS0006E"));

        create("v4-" + suffix, "\"computepool\": \"nowhere\"").statusCode(404).body("code", equalTo("ZONE0006E"));
        create("v4-" + suffix, "\"host\": \"nowhere\"").statusCode(404).body("code", equalTo("ZONE0001E"));
        create("v4-" + suffix, "\"host\": \"" + full + "\", \"computepool\": \"default\"").statusCode(404)
                .body("code", equalTo("ZONE0011E"));

        JsonPath all = api().get("/api/vms").then().statusCode(200).extract().jsonPath();
        assertThat(all.getString("find { it.name == '" + first + "' }.host")).isEqualTo(roomy);
        assertThat(all.getString("find { it.name == '" + second + "' }.host")).isEqualTo(small);
        assertThat(all.getString("find { it.name == 'busy-" + suffix + "' }.host")).isEqualTo(full);
        assertThat(all.getString("find { it.name == 'busy-" + suffix + "' }.state")).isEqualTo("running");
        assertThat(all.getString("find { it.name == 'test' }.host")).isEqualTo("local");
        api().get("/api/vms?host=" + small).then().statusCode(200)
                .body("name", equalTo(List.of("idle-" + suffix, second))).body("host", everyItem(equalTo(small)));
        api().get("/api/vms?host=nowhere").then().statusCode(404).body("code", equalTo("ZONE0001E"));
    }

    @Test
    void aHostWithoutTheTemplatesStorageIsRefusedByName() throws IOException {
        String bare = register("bare", new TestDriverHost().memoryMiB(4096), false);
        create("v1-" + suffix, "\"host\": \"" + bare + "\"").statusCode(409)
                .body("code", equalTo("ZONE0013E"))
                .body("reason", allOf(containsString(bare), containsString("storage pool default-pool")));
        api().get("/api/vms").then().body("name", not(hasItem("v1-" + suffix)));
    }

    @Test
    void aNameOnTwoHostsIsResolvedByHostAndAmbiguousWithout() throws IOException {
        String twin = "twin-" + suffix;
        String left = register("left", new TestDriverHost().shutOffDomain(twin, 512, 1));
        String right = register("right", new TestDriverHost().shutOffDomain(twin, 512, 1));

        api().get("/api/vms/" + twin).then().statusCode(409).body("code", equalTo("VMS0021E"))
                .body("reason", allOf(containsString(left), containsString(right), containsString("?host=")));
        api().post("/api/vms/" + twin + "/start").then().statusCode(409).body("code", equalTo("VMS0021E"));
        api().get("/api/vms/" + twin + "?host=" + left).then().statusCode(200).body("host", equalTo(left));
        api().get("/plugins/kimchi/vms/" + twin + "?host=" + right).then().statusCode(200).body("host", equalTo(right));
        api().get("/api/vms/" + twin + "?host=nowhere").then().statusCode(404).body("code", equalTo("ZONE0001E"));
        api().get("/api/vms/" + twin + "?host=local").then().statusCode(404).body("code", equalTo("VMS0004E"));

        api().post("/api/vms/" + twin + "/start?host=" + left).then().statusCode(200)
                .body("state", equalTo("running")).body("host", equalTo(left));
        api().get("/api/vms/" + twin + "?host=" + right).then().body("state", equalTo("shutoff"));

        JsonPath all = api().get("/api/vms").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("findAll { it.name == '" + twin + "' }.host")).containsExactly(left, right);
    }

    private String register(String role, TestDriverHost host) throws IOException {
        return register(role, host, true);
    }

    /** Registers a test-driver host in the test's compute pool and waits until it is connected. */
    private String register(String role, TestDriverHost host, boolean withStorage) throws IOException {
        String name = role + "-" + suffix;
        if (withStorage) {
            host.pool("default-pool").network("default");
        }
        String uri = host.writeTo(dir.resolve(name + ".xml"));
        api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"uri\": \"" + uri + "\", \"pool\": \"" + pool + "\"}")
                .post("/api/hosts").then().statusCode(201);
        hosts.add(name);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                api().get("/api/hosts/" + name).then().body("state", equalTo("connected")));
        return name;
    }

    private ValidatableResponse create(String name, String fields) {
        return api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"template\": \"/api/templates/"
                + template + "\"" + (fields.isEmpty() ? "" : ", " + fields) + "}").post("/api/vms").then();
    }

    /** The message of the creation's task, which must have finished (also for {@link ZoneScaleIT}). */
    static String finished(ValidatableResponse accepted) {
        String id = accepted.statusCode(202).extract().path("id");
        JsonPath task = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/api/tasks/" + id).then().extract().jsonPath(),
                        t -> !"running".equals(t.getString("status")));
        assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");
        return task.getString("message");
    }
}
