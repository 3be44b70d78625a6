package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A VM's statistics of the last hour, GET /api/vms/{name}/stats/history, on the test driver. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VmStatsHistoryIT {

    private static final List<String> MEASURES = List.of("cpu_utilization", "mem_utilization", "net_throughput",
            "io_throughput");

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void aRunningVmsHistoryGrowsOldestFirstAndAnotherUsersVmIs404() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String vm = runningVm(suffix);

        JsonPath first = awaitHistory(vm, 1);
        int size = first.getList("timestamps").size();
        JsonPath later = awaitHistory(vm, size + 1);
        List<String> times = later.getList("timestamps");
        for (String measure : MEASURES) {
            assertThat(later.getList(measure)).as(measure).hasSize(times.size());
        }
        List<Instant> instants = times.stream().map(Instant::parse).toList();
        assertThat(instants).isSorted().doesNotHaveDuplicates();
        assertThat(later.getList("cpu_utilization", Float.class)).allSatisfy(cpu -> assertThat(cpu).isBetween(0f, 100f));
        assertThat(later.getList("timestamps").subList(0, size)).as("the samples already there stay, oldest first")
                .isEqualTo(first.getList("timestamps"));
        // the same under Kimchi's paths
        api().get("/plugins/kimchi/vms/" + vm + "/stats/history").then().statusCode(200)
                .body("timestamps[0]", equalTo(times.get(0)));

        String user = "sh" + suffix;
        String password = "pw-" + user + "-history";
        api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + user + "\", \"password\": \"" + password + "\", \"groups\": [\"users\"]}")
                .post("/api/users").then().statusCode(201);
        TestAccounts.as(Vireo.BASE, user, password).get("/api/vms/" + vm + "/stats/history").then().statusCode(404)
                .body("code", equalTo("VMS0004E"));
        api().get("/api/vms/no-such-vm/stats/history").then().statusCode(404).body("code", equalTo("VMS0004E"));
        api().delete("/api/vms/" + vm).then().statusCode(204);
    }

    /** Waits (at most a minute: samples come every 5 s) for at least {@code samples} samples. */
    private static JsonPath awaitHistory(String vm, int samples) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api().get("/api/vms/" + vm + "/stats/history").then().statusCode(200).extract().jsonPath(),
                        history -> history.getList("timestamps").size() >= samples);
    }

    private static String runningVm(String suffix) {
        String template = "sh-tpl-" + suffix;
        String vm = "sh-vm-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template
                        + "\", \"source_media\": {\"type\": \"netboot\"}, \"memory\": {\"current\": 256},"
                        + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        String task = api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + vm + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                !"running".equals(api().get("/api/tasks/" + task).then().extract().path("status")));
        api().get("/api/tasks/" + task).then().body("status", equalTo("finished"));
        api().post("/api/vms/" + vm + "/start").then().statusCode(200);
        return vm;
    }
}
