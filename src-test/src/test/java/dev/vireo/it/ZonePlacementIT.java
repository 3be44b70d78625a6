package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static dev.vireo.it.ZoneFixture.finished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * VMs across the zone's hosts: placement by free memory in a compute pool, hosts skipped when
 * disabled or full, VMs listed with their host, and {@code ?host=} when a name is on two hosts.
 * Each host is a private test-driver file; the test driver keeps its state in the server, so what
 * a host holds is asserted through the API.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ZonePlacementIT {

    @RegisterExtension
    final ZoneFixture zone = new ZoneFixture("zp-", "zt-");

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void aVmGoesToTheHostWithTheMostFreeMemoryAndNeverToOneDisabledOrFull() throws IOException {
        String full = zone.register("full", new TestDriverHost().memoryMiB(2048).domain("busy-" + zone.suffix(), 1536, 1));
        String roomy = zone.register("roomy", new TestDriverHost().memoryMiB(8192).domain("work-" + zone.suffix(), 2048, 2));
        String small = zone.register("small",
                new TestDriverHost().memoryMiB(4096).shutOffDomain("idle-" + zone.suffix(), 4096, 2));
        // nothing listens on port 2: never connected, so never a candidate, and its VMs are not listed
        String away = zone.add("away", "qemu+tcp://127.0.0.1:2/system");

        String first = "v1-" + zone.suffix();
        assertThat(finished(zone.createVm(first, "\"computepool\": \"" + zone.pool() + "\"")))
                .isEqualTo("created virtual machine " + first + ": placed on " + roomy + " (most free memory: 6,144 MiB)");
        api().get("/api/vms/" + first).then().statusCode(200).body("host", equalTo(roomy)).body("state", equalTo("shutoff"));
        api().get("/plugins/kimchi/vms/" + first).then().statusCode(200).body("host", equalTo(roomy));

        api().contentType(ContentType.JSON).body("{\"enabled\": false}").put("/api/hosts/" + roomy).then().statusCode(200);
        String second = "v2-" + zone.suffix();
        assertThat(finished(zone.createVm(second, "\"computepool\": \"" + zone.pool() + "\"")))
                .endsWith("placed on " + small + " (most free memory: 4,096 MiB)");
        api().get("/api/vms/" + second).then().body("host", equalTo(small));

        api().contentType(ContentType.JSON).body("{\"enabled\": false}").put("/api/hosts/" + small).then().statusCode(200);
        zone.createVm("v3-" + zone.suffix(), "\"computepool\": \"" + zone.pool() + "\"").statusCode(409)
                .body("code", equalTo("ZONE0012E"))
                .body("reason", allOf(containsString("in compute pool " + zone.pool()),
                        containsString(full + ": memory short by 512 MiB"),
                        containsString(roomy + ": disabled"), containsString(small + ": disabled"),
                        matchesPattern(".*" + away + ": (reconnecting|down).*")));
        zone.createVm("v3-" + zone.suffix(), "\"host\": \"" + full + "\"").statusCode(409)
                .body("code", equalTo("ZONE0012E")).body("reason", containsString("memory short by 512 MiB"));
        api().get("/api/vms/v3-" + zone.suffix()).then().statusCode(404);

        // a name is the zone's: taken on one host, it is taken everywhere
        zone.createVm(first, "\"host\": \"local\"").statusCode(409).body("code", equalTo("VMS0006E"));
        zone.createVm(first, "").statusCode(409).body("code", equalTo("VMS0006E"));
        api().contentType(ContentType.JSON).body("{\"name\": \"busy-" + zone.suffix() + "\"}").put("/api/vms/" + second).then()
                .statusCode(409).body("code", equalTo("VMS0006E"));

        zone.createVm("v4-" + zone.suffix(), "\"computepool\": \"nowhere\"").statusCode(404)
                .body("code", equalTo("ZONE0006E"));
        zone.createVm("v4-" + zone.suffix(), "\"host\": \"nowhere\"").statusCode(404).body("code", equalTo("ZONE0001E"));
        zone.createVm("v4-" + zone.suffix(), "\"host\": \"" + full + "\", \"computepool\": \"default\"").statusCode(404)
                .body("code", equalTo("ZONE0011E"));

        JsonPath all = api().get("/api/vms").then().statusCode(200).extract().jsonPath();
        assertThat(all.getString("find { it.name == '" + first + "' }.host")).isEqualTo(roomy);
        assertThat(all.getString("find { it.name == '" + second + "' }.host")).isEqualTo(small);
        assertThat(all.getString("find { it.name == 'busy-" + zone.suffix() + "' }.host")).isEqualTo(full);
        assertThat(all.getString("find { it.name == 'busy-" + zone.suffix() + "' }.state")).isEqualTo("running");
        assertThat(all.getString("find { it.name == 'test' }.host")).isEqualTo("local");
        api().get("/api/vms?host=" + small).then().statusCode(200)
                .body("name", equalTo(List.of("idle-" + zone.suffix(), second))).body("host", everyItem(equalTo(small)));
        api().get("/api/vms?host=nowhere").then().statusCode(404).body("code", equalTo("ZONE0001E"));
    }

    @Test
    void aHostWithoutTheTemplatesStorageIsRefusedByName() throws IOException {
        String bare = zone.register("bare", new TestDriverHost().memoryMiB(4096), false);
        zone.createVm("v1-" + zone.suffix(), "\"host\": \"" + bare + "\"").statusCode(409)
                .body("code", equalTo("ZONE0013E"))
                .body("reason", allOf(containsString(bare), containsString("storage pool default-pool")));
        api().get("/api/vms").then().body("name", not(hasItem("v1-" + zone.suffix())));
    }

    @Test
    void aNameOnTwoHostsIsResolvedByHostAndAmbiguousWithout() throws IOException {
        String twin = "twin-" + zone.suffix();
        String left = zone.register("left", new TestDriverHost().shutOffDomain(twin, 512, 1));
        String right = zone.register("right", new TestDriverHost().shutOffDomain(twin, 512, 1));

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
}
