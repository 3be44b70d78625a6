package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.http.ContentType;
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
 * Comet's documented paths ({@code comet-api.md}) over Vireo's clusters on the test driver:
 * collection and resource with links, the cluster's start and stop, its VMs with their actions
 * and console, PUT of its parameters, and refusals that change nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CometFaceIT {

    private String suffix;
    private String template;
    private String cluster;
    private final List<String> vms = new ArrayList<>();

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void twoShutOffVms() {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        template = "comet-tpl-" + suffix;
        cluster = "comet-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"memory\": {\"current\": 128}, \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        for (String letter : List.of("db", "web")) {
            String vm = "comet-" + letter + "-" + suffix;
            String task = api().contentType(ContentType.JSON)
                    .body("{\"name\": \"" + vm + "\", \"template\": \"/api/templates/" + template + "\"}")
                    .post("/api/vms").then().statusCode(202).extract().path("id");
            assertThat(awaitTask(task)).isEqualTo("finished");
            vms.add(vm);
        }
    }

    @AfterEach
    void removeWhatTheTestMade() {
        api().delete("/comet/cluster/" + cluster);
        vms.forEach(vm -> api().delete("/api/vms/" + vm));
        api().delete("/api/templates/" + template);
    }

    @Test
    void aClusterIsMadeStartedStoppedAndItsVmsActedOnAtCometsPaths() {
        String db = vms.get(0);
        String web = vms.get(1);
        String href = "/comet/cluster/" + cluster;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + cluster + "\", \"vms\": [\"" + db + "\"]}").post("/comet/cluster")
                .then().statusCode(201)
                .header("Location", endsWith(href))
                .body("actions", contains("start", "stop"))
                .body("vms[0].href", equalTo(href + "/vms/" + db));
        api().get("/comet/cluster").then().statusCode(200).body("href", hasItem(href));

        api().contentType(ContentType.JSON).body("{\"name\": \"" + web + "\"}").post(href + "/vms").then()
                .statusCode(201).body("name", equalTo(web)).body("memory", equalTo(128)).body("cpus", equalTo(1));
        api().get(href + "/vms").then().statusCode(200).body("name", contains(db, web));

        String task = api().contentType(ContentType.JSON).body("{}").post(href + "/start").then().statusCode(202).extract().path("id");
        assertThat(awaitTask(task)).isEqualTo("finished");
        api().get(href).then().body("state", equalTo("running"));
        api().get("/api/vms/" + web).then().body("state", equalTo("running"));

        api().contentType(ContentType.JSON).body("{}").post(href + "/vms/" + web + "/poweroff").then()
                .statusCode(200).body("state", equalTo("shutoff"));
        api().get("/api/vms/" + web).then().body("state", equalTo("shutoff"));
        api().get(href).then().body("state", equalTo("partial"));
        api().redirects().follow(false).get(href + "/vms/" + db + "/console").then()
                .statusCode(303).header("Location", endsWith("/console/vm.xhtml?name=" + db));

        api().contentType(ContentType.JSON).body("{\"description\": \"web after db\", \"vms\": [\"" + web + "\", \"" + db + "\"]}")
                .put(href).then().statusCode(200).body("description", equalTo("web after db")).body("vms.name", contains(web, db));
        api().get("/api/vms/" + db).then().body("state", equalTo("running"));

        task = api().post(href + "/stop").then().statusCode(202).extract().path("id");
        assertThat(awaitTask(task)).isEqualTo("finished");
        vms.forEach(vm -> api().get("/api/vms/" + vm).then().body("state", equalTo("shutoff")));

        api().delete(href + "/vms/" + web).then().statusCode(204);
        api().get("/api/clusters/" + cluster).then().body("vms.name", contains(db));
        api().get("/api/vms/" + web).then().statusCode(200);
    }

    @Test
    void refusalsNameTheirCauseAndChangeNothing() {
        String db = vms.get(0);
        String web = vms.get(1);
        String href = "/comet/cluster/" + cluster;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + cluster + "\", \"vms\": [\"" + db + "\"]}").post("/comet/cluster")
                .then().statusCode(201);

        api().contentType(ContentType.JSON).body("{}").post(href + "/vms/" + db + "/explode").then()
                .statusCode(404).body("code", equalTo("API0004E"));
        api().contentType(ContentType.JSON).body("{}").post(href + "/vms/" + web + "/start").then()
                .statusCode(404).body("code", equalTo("CLU0005E"));
        api().contentType(ContentType.JSON).body("{}").post(href + "/vms/" + db + "/shutdown").then()
                .statusCode(409).body("code", equalTo("VMS0005E"));
        api().get(href + "/vms/" + web + "/console").then().statusCode(404).body("code", equalTo("CLU0005E"));
        api().contentType(ContentType.JSON).body("{\"vms\": [\"" + web + "\", \"" + web + "\"]}").put(href).then()
                .statusCode(400).body("code", equalTo("CLU0003E"));
        api().contentType(ContentType.JSON).body("{\"name\": \"other\"}").put(href).then()
                .statusCode(400).body("code", equalTo("CLU0006E"));
        api().get("/comet/cluster/no-such-" + suffix).then().statusCode(404).body("code", equalTo("CLU0001E"));

        api().get(href).then().body("vms.name", contains(db));
        vms.forEach(vm -> api().get("/api/vms/" + vm).then().body("state", equalTo("shutoff")));
    }

    private static String awaitTask(String id) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                !"running".equals(api().get("/api/tasks/" + id).then().extract().path("status")));
        return api().get("/api/tasks/" + id).then().extract().path("status");
    }
}
