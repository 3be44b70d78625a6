package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static dev.vireo.it.Vireo.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/**
 * {@code /metrics} on the management port, scraped as Prometheus scrapes it: after requests, tasks,
 * a VM pool filling and a job run, their series are there and their values moved by what was done.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    private static final String VOLUMES = "/api/storagepools/default-pool/storagevolumes";
    private static final Duration ROUND = Duration.ofSeconds(90);

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.earWithTaskProbe();
    }

    @Test
    void countsAndTimesRequestsPerRoute() {
        String found = "vireo_http_requests_seconds_count{method=\"GET\",route=\"/api/vms/{name}\",status=\"200\"}";
        String missing = "vireo_http_requests_seconds_count{method=\"GET\",route=\"/api/vms/{name}\",status=\"404\"}";
        String sum = "vireo_http_requests_seconds_sum{method=\"GET\",route=\"/api/vms/{name}\",status=\"200\"}";
        PrometheusScrape before = PrometheusScrape.now();

        for (int i = 0; i < 3; i++) {
            api().get("/api/vms/test").then().statusCode(200);
        }
        api().get("/api/vms/no-such-vm-" + UUID.randomUUID()).then().statusCode(404);
        // a face's request counts under the route that answers it
        api().get("/plugins/kimchi/vms/test").then().statusCode(200);

        PrometheusScrape after = PrometheusScrape.now();
        assertThat(after.valueOrZero(found) - before.valueOrZero(found)).isEqualTo(4);
        assertThat(after.valueOrZero(missing) - before.valueOrZero(missing)).isEqualTo(1);
        assertThat(after.valueOrZero(sum)).isGreaterThan(before.valueOrZero(sum));
        // one series per route, not per name
        assertThat(after.text()).doesNotContain("route=\"/api/vms/test\"").contains("vireo_http_requests_seconds_max{" + PrometheusScrape.DEPLOYMENT);
        // WildFly's own metrics are served beside Vireo's
        assertThat(after.text()).contains("jvm_memory_used_bytes");
    }

    @Test
    void countsAndTimesTasksPerOperationAndOutcome() {
        String finished = "vireo_tasks_seconds_count{operation=\"probe.steps\",result=\"finished\"}";
        String failed = "vireo_tasks_seconds_count{operation=\"probe.steps\",result=\"failed\"}";
        PrometheusScrape before = PrometheusScrape.now();

        runProbeTask(null);
        runProbeTask("the disk image vanished");
        runProbeTask(null);

        PrometheusScrape after = PrometheusScrape.now();
        assertThat(after.valueOrZero(finished) - before.valueOrZero(finished)).isEqualTo(2);
        assertThat(after.valueOrZero(failed) - before.valueOrZero(failed)).isEqualTo(1);
        assertThat(after.value("vireo_tasks_seconds_sum{operation=\"probe.steps\",result=\"finished\"}")).isPresent();
    }

    @Test
    void showsHostsVmsJobsAndPoolsAsTheyChange() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String volume = "metrics-" + suffix + ".qcow2";
        String template = "metrics-" + suffix;
        String pool = "metrics-" + suffix;
        String running = "vireo_vms{host=\"local\",state=\"running\"}";
        PrometheusScrape before = await().atMost(ROUND).until(PrometheusScrape::now,
                scrape -> scrape.value(running).isPresent() && !Double.isNaN(scrape.value(running).getAsDouble()));
        assertThat(before.value("vireo_host_connection{host=\"local\",state=\"connected\"}")).hasValue(1);
        assertThat(before.value("vireo_host_connection{host=\"local\",state=\"down\"}")).hasValue(0);
        // the job registry's record of the host monitor, which runs every 15 s
        assertThat(before.value("vireo_job_last_run_age_seconds{job=\"host-monitor\"}")).isPresent();
        try {
            String task = api().contentType(ContentType.JSON).body("{\"name\": \"" + volume + "\", \"capacity\": 1048576,"
                    + " \"format\": \"qcow2\"}").post(VOLUMES).then().statusCode(202).extract().path("id");
            String operation = await().until(() -> api().get("/api/tasks/" + task).then().extract().jsonPath(),
                    view -> "finished".equals(view.getString("status"))).getString("operation");
            assertThat(PrometheusScrape.now().valueOrZero("vireo_tasks_seconds_count{operation=\"" + operation
                    + "\",result=\"finished\"}")).isGreaterThanOrEqualTo(1);
            api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                            + " \"memory\": {\"current\": 128, \"maxmemory\": 128},"
                            + " \"disks\": [{\"volume\": \"" + volume + "\", \"pool\": {\"name\": \"default-pool\"}}]}")
                    .post("/api/templates").then().statusCode(201);
            api().contentType(ContentType.JSON).body("{\"name\": \"" + pool + "\", \"template\": \"" + template
                    + "\", \"size\": 1}").post("/api/vmpools").then().statusCode(201);

            // the pool fills: its ready VM shows, and it runs on the local host
            PrometheusScrape filled = await().atMost(ROUND).until(PrometheusScrape::now,
                    scrape -> scrape.valueOrZero("vireo_vmpool_ready{pool=\"" + pool + "\"}") == 1
                            && scrape.valueOrZero(running) == runningVms());
            assertThat(filled.value("vireo_vmpool_size{pool=\"" + pool + "\"}")).hasValue(1);
            assertThat(filled.valueOrZero(running)).isGreaterThan(before.valueOrZero(running));

            // a job run now shows a fresh age
            api().post("/api/jobs/audit-retention/run").then().statusCode(202);
            await().atMost(ROUND).until(PrometheusScrape::now, scrape ->
                    scrape.value("vireo_job_last_run_age_seconds{job=\"audit-retention\"}").orElse(Double.MAX_VALUE) < 60);
        } finally {
            api().delete("/api/vmpools/" + pool);
            api().delete("/api/templates/" + template);
            api().delete(VOLUMES + "/" + volume);
        }
        await().atMost(ROUND).until(PrometheusScrape::now, scrape -> scrape.value("vireo_vmpool_ready{pool=\"" + pool + "\"}").isEmpty());
    }

    /** The running VMs of the local host as the API lists them. */
    private static int runningVms() {
        return api().get("/api/vms").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.state == 'running' && (it.host == null || it.host == 'local') }").size();
    }

    private static void runProbeTask(String failure) {
        String target = "/api/probe/" + UUID.randomUUID();
        var request = probe().queryParam("target", target).queryParam("steps", 1);
        if (failure != null) {
            request.queryParam("fail", failure);
        }
        String id = request.post("/tasks").then().statusCode(200).extract().path("id");
        probe().queryParam("target", target).post("/tasks/release").then().statusCode(204);
        await().atMost(ROUND).until(() -> api().get("/api/tasks/" + id).then().statusCode(200).extract().<String>path("status"),
                status -> !"running".equals(status));
    }
}
