package dev.vireo.it;

import static dev.vireo.it.ClusterFixture.awaitTask;
import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.SQLException;
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
 * A cluster's VMs at Comet's paths. One made from a template ({@code POST /cluster/:name/vms}, and
 * {@code /api/clusters/:name/vms} alike) is made through Vireo's VM creation and becomes a member
 * once made, at the asked place; a body naming an existing VM still adds it; what cannot be made
 * is refused at once, with no VM made and no member added. A member's storages are its storage
 * devices: a pool's volume attached and unmapped, seen in the VM's own devices.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CometClusterVmsIT {

    private String suffix;
    private String template;
    private String cluster;
    private String existing;
    private final List<String> vms = new ArrayList<>();

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void aClusterOfOneVm() {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        template = "cmc-tpl-" + suffix;
        ClusterFixture.smallTemplate(template);
        existing = "cmc-a-" + suffix;
        ClusterFixture.vmFrom(template, existing);
        vms.add(existing);
        cluster = "cmc-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + cluster + "\", \"vms\": [\"" + existing + "\"]}")
                .post("/api/clusters").then().statusCode(201);
    }

    @AfterEach
    void removeWhatTheTestMade() {
        api().delete("/api/clusters/" + cluster);
        vms.forEach(vm -> api().delete("/api/vms/" + vm));
        api().delete("/api/templates/" + template);
    }

    @Test
    void cometMakesAVmFromATemplateAndItBecomesAMemberOnceMade() throws SQLException {
        String made = "cmc-b-" + suffix;
        vms.add(made);
        JsonPath task = awaitTask(api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + made + "\", \"template\": \"" + template + "\"}")
                .post("/comet/cluster/" + cluster + "/vms").then().statusCode(202)
                .body("target_uri", equalTo("/api/clusters/" + cluster + "/vms/" + made)).extract().path("id"));
        assertThat(task.getString("status")).isEqualTo("finished");
        assertThat(task.getString("message")).contains(made + " made from template " + template, "at position 1");
        api().get("/api/vms/" + made).then().statusCode(200).body("state", equalTo("shutoff"));
        assertThat(ClusterFixture.membersInDatabase(cluster)).containsExactly(existing, made);
        api().get("/comet/cluster/" + cluster + "/vms/" + made).then().statusCode(200)
                .body("state", equalTo("shutoff"))
                .body("memory", equalTo(128))
                .body("href", equalTo("/comet/cluster/" + cluster + "/vms/" + made));

        // a body naming an existing VM (and no template) still adds it: 201
        String other = "cmc-c-" + suffix;
        ClusterFixture.vmFrom(template, other);
        vms.add(other);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + other + "\"}").post("/comet/cluster/" + cluster + "/vms")
                .then().statusCode(201).body("name", equalTo(other));
        assertThat(ClusterFixture.membersInDatabase(cluster)).containsExactly(existing, made, other);
    }

    @Test
    void theNativeRouteMakesAVmNamedAfterItsTemplateAtTheAskedPlace() throws SQLException {
        JsonPath task = awaitTask(api().contentType(ContentType.JSON)
                .body("{\"template\": \"/api/templates/" + template + "\", \"position\": 0}")
                .post("/api/clusters/" + cluster + "/vms").then().statusCode(202).extract().path("id"));
        String made = task.getString("target_uri").substring(("/api/clusters/" + cluster + "/vms/").length());
        vms.add(made);
        assertThat(made).startsWith(template + "-vm-");
        assertThat(task.getString("status")).isEqualTo("finished");
        api().get("/api/vms/" + made).then().statusCode(200);
        assertThat(ClusterFixture.membersInDatabase(cluster)).containsExactly(made, existing);
        api().get("/api/clusters/" + cluster + "/vms/" + made).then().statusCode(200).body("position", equalTo(0));
    }

    @Test
    void whatCannotBeMadeIsRefusedAtOnceWithNoVmAndNoMember() throws SQLException {
        String wanted = "cmc-x-" + suffix;
        List<String> bodies = List.of(
                "{\"name\": \"" + wanted + "\", \"template\": \"no-such-" + suffix + "\"}",
                "{\"name\": \"" + wanted + "\", \"template\": \"/not/a/template\"}",
                "{\"name\": \"" + wanted + "\", \"template\": \"" + template + "\", \"position\": 5}",
                "{\"name\": \"" + wanted + "\", \"template\": \"" + template + "\", \"colour\": \"red\"}",
                "{\"name\": \"bad name!\", \"template\": \"" + template + "\"}");
        for (String body : bodies) {
            api().contentType(ContentType.JSON).body(body).post("/comet/cluster/" + cluster + "/vms").then()
                    .statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)));
        }
        // the name of a VM that exists already (a member, or not)
        api().contentType(ContentType.JSON).body("{\"name\": \"" + existing + "\", \"template\": \"" + template + "\"}")
                .post("/api/clusters/" + cluster + "/vms").then().statusCode(409).body("code", equalTo("CLU0004E"));
        api().contentType(ContentType.JSON).body("{\"name\": \"" + wanted + "\", \"template\": \"" + template + "\"}")
                .post("/api/clusters/no-such-" + suffix + "/vms").then().statusCode(404).body("code", equalTo("CLU0001E"));

        api().get("/api/vms/" + wanted).then().statusCode(404);
        assertThat(ClusterFixture.membersInDatabase(cluster)).containsExactly(existing);
        List<String> names = api().get("/api/vms").then().statusCode(200).extract().jsonPath().getList("name");
        assertThat(names).noneMatch(name -> name.startsWith(template + "-vm-"));
    }

    @Test
    void aMembersStoragesAreItsDevicesAndAttachAndUnmapGoThroughTheVmsStorageService() {
        String storages = "/comet/cluster/" + cluster + "/vms/" + existing + "/storages";
        String disk = Vireo.diskVolume(existing, 0);
        List<String> devices = api().get("/api/vms/" + existing + "/storages").then().statusCode(200).extract().jsonPath()
                .getList("dev");
        String dev = api().get("/api/vms/" + existing + "/storages").jsonPath().getString("find { it.vol == '" + disk + "' }.dev");

        api().get(storages).then().statusCode(200)
                .body("dev", contains(devices.toArray()))
                .body("find { it.dev == '" + dev + "' }.vol", equalTo(disk))
                .body("find { it.dev == '" + dev + "' }.href", equalTo(storages + "/" + dev));
        api().get(storages + "/" + dev).then().statusCode(200)
                .body("type", equalTo("disk"))
                .body("pool", equalTo("default-pool"))
                .body("vol", equalTo(disk))
                .body("capacity", equalTo(1073741824))
                .body("actions", contains("unmap"));

        // the test driver cannot attach nor detach devices: libvirt's refusal comes back through the VM's storage service
        String volume = "cmc-" + suffix + ".qcow2";
        String volumes = "/api/storagepools/default-pool/storagevolumes";
        assertThat(awaitTask(api().contentType(ContentType.JSON).body("{\"name\": \"" + volume + "\", \"capacity\": 1048576}")
                .post(volumes).then().statusCode(202).extract().path("id")).getString("status")).isEqualTo("finished");
        api().contentType(ContentType.JSON).body("{\"pool\": \"default-pool\", \"vol\": \"" + volume + "\"}")
                .post(storages).then().statusCode(409).body("code", equalTo("HOST0002E"))
                .body("reason", containsString("virDomainAttachDeviceFlags"));
        api().post(storages + "/" + dev + "/unmap").then().statusCode(409).body("code", equalTo("HOST0002E"))
                .body("reason", containsString("virDomainDetachDeviceFlags"));

        // refused before libvirt: a VM that is no member, a missing volume, an unknown field, an unknown device, a parameter
        api().contentType(ContentType.JSON).body("{\"pool\": \"default-pool\", \"vol\": \"" + volume + "\"}")
                .post("/comet/cluster/" + cluster + "/vms/no-member-" + suffix + "/storages").then()
                .statusCode(404).body("code", equalTo("CLU0005E"));
        api().contentType(ContentType.JSON).body("{\"pool\": \"default-pool\", \"vol\": \"none-" + suffix + "\"}")
                .post(storages).then().statusCode(400).body("code", equalTo("VMS0014E"));
        api().contentType(ContentType.JSON).body("{\"pool\": \"default-pool\", \"vol\": \"" + volume + "\", \"bus\": \"ide\"}")
                .post(storages).then().statusCode(400).body("code", equalTo("API0003E"));
        api().get(storages + "/vdz").then().statusCode(404);
        api().contentType(ContentType.JSON).body("{\"force\": true}").post(storages + "/" + dev + "/unmap").then().statusCode(400);

        api().get("/api/vms/" + existing + "/storages").then().body("dev", contains(devices.toArray()));
        api().get(volumes + "/" + volume).then().statusCode(200);
        api().delete(volumes + "/" + volume).then().statusCode(204);
    }
}
