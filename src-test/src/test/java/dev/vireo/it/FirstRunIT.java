package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A newcomer's first run on the embedded default: a template that names no pool makes a VM. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FirstRunIT {

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    /** The README's first steps, as its "Two commands" section writes them: a template, a VM from it, the VM. */
    @Test
    void theReadmesFirstStepsMakeAVm() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Two commands"), readme.indexOf("## The admin console"));
        java.util.regex.Matcher posts = java.util.regex.Pattern
                .compile("-d '(\\{[^']*})'\\s+localhost:8080(/\\S+)").matcher(section);
        java.util.List<String[]> steps = new java.util.ArrayList<>();
        while (posts.find()) {
            steps.add(new String[] {posts.group(2), posts.group(1)});
        }
        assertThat(steps).extracting(step -> step[0]).containsExactly("/api/templates", "/api/vms");
        api().contentType(ContentType.JSON).body(steps.get(0)[1]).post(steps.get(0)[0]).then().statusCode(201);
        String task = api().contentType(ContentType.JSON).body(steps.get(1)[1]).post(steps.get(1)[0]).then()
                .statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"running".equals(api().get("/api/tasks/" + task).path("status")));
        assertThat(api().get("/api/tasks/" + task).<String>path("status")).isEqualTo("finished");

        java.util.regex.Matcher get = java.util.regex.Pattern
                .compile("\"\\s+localhost:8080(/api/vms/\\S+)\\s+# once the task has finished").matcher(section);
        assertThat(get.find()).isTrue();
        api().get(get.group(1)).then().statusCode(200).body("state", equalTo("shutoff"));
    }

    @Test
    void theDefaultPoolIsMadeAsKimchiMakesItAndATemplateThatNamesNoPoolMakesAVm() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                api().get("/api/storagepools/default").then().statusCode(200)
                        .body("type", equalTo("dir"))
                        .body("path", equalTo("/var/lib/libvirt/images"))
                        .body("state", equalTo("active"))
                        .body("autostart", equalTo(true)));

        String name = "first-" + UUID.randomUUID().toString().substring(0, 8);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"source_media\": {\"type\": \"netboot\"}}")
                .post("/api/templates").then().statusCode(201)
                .body("disks[0].pool.name", equalTo("/plugins/kimchi/storagepools/default"));
        String task = api().contentType(ContentType.JSON)
                .body("{\"template\": \"/api/templates/" + name + "\", \"name\": \"" + name + "-vm\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"running".equals(api().get("/api/tasks/" + task).path("status")));
        assertThat(api().get("/api/tasks/" + task).<String>path("status")).isEqualTo("finished");
        api().get("/api/vms/" + name + "-vm").then().statusCode(200).body("state", equalTo("shutoff"));
        assertThat(api().get("/api/storagepools/default/storagevolumes").then().statusCode(200)
                .extract().jsonPath().getList("name", String.class)).contains(Vireo.diskVolume(name + "-vm", 0));
    }
}
