package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

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
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Each test's own corner of the zone: a compute pool, a one-disk template on {@code default-pool},
 * and the test-driver hosts registered in the pool. A test class holds one in a
 * {@code @RegisterExtension} field: made before each test, and after it (also when the making
 * failed half way) the hosts, the pool and the template are removed. Also the wait for a task.
 */
final class ZoneFixture implements BeforeEachCallback, AfterEachCallback {

    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String pool;
    private final String template;
    private final List<String> hosts = new ArrayList<>();
    private Path dir;

    /** Names the pool {@code poolPrefix + suffix} and the template {@code templatePrefix + suffix}. */
    ZoneFixture(String poolPrefix, String templatePrefix) {
        pool = poolPrefix + suffix;
        template = templatePrefix + suffix;
    }

    @Override
    public void beforeEach(ExtensionContext test) throws IOException {
        dir = Files.createTempDirectory("vireo-zone-");
        api().contentType(ContentType.JSON).body("{\"name\": \"" + pool + "\"}").post("/api/computepools").then()
                .statusCode(201);
        createTemplate(template);
    }

    /** Removes the hosts, the pool and the template; what is already gone is no matter. */
    @Override
    public void afterEach(ExtensionContext test) {
        hosts.forEach(host -> api().delete("/api/hosts/" + host));
        api().delete("/api/computepools/" + pool);
        api().delete("/api/templates/" + template);
    }

    /** Random per test, so that names never collide with another test's or an earlier run's. */
    String suffix() {
        return suffix;
    }

    String pool() {
        return pool;
    }

    String template() {
        return template;
    }

    /** A netboot template of 1,024 MiB with one 1 GiB disk in {@code default-pool}. */
    static void createTemplate(String name) {
        api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"memory\": {\"current\": 1024, \"maxmemory\": 1024},"
                        + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
    }

    /** {@link #register(String, TestDriverHost, boolean)} with the template's storage. */
    String register(String role, TestDriverHost host) throws IOException {
        return register(role, host, true);
    }

    /**
     * Registers a test-driver host named {@code role-suffix} in the pool and waits until it is
     * connected; {@code withStorage}: it gets {@code default-pool} and the network {@code default}.
     */
    String register(String role, TestDriverHost host, boolean withStorage) throws IOException {
        if (withStorage) {
            host.pool("default-pool").network("default");
        }
        String name = add(role, host.writeTo(dir.resolve(role + "-" + suffix + ".xml")));
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                api().get("/api/hosts/" + name).then().body("state", equalTo("connected")));
        return name;
    }

    /** Registers a host named {@code role-suffix} at this URI in the pool; does not wait for it to connect. */
    String add(String role, String uri) {
        String name = role + "-" + suffix;
        api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"uri\": \"" + uri + "\", \"pool\": \"" + pool + "\"}")
                .post("/api/hosts").then().statusCode(201);
        hosts.add(name);
        return name;
    }

    /** A VM made from the template; {@code fields}: more JSON members of the request, or empty. */
    ValidatableResponse createVm(String name, String fields) {
        return api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"template\": \"/api/templates/"
                + template + "\"" + (fields.isEmpty() ? "" : ", " + fields) + "}").post("/api/vms").then();
    }

    /** The task once it has ended. */
    static JsonPath ended(String id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/api/tasks/" + id).then().extract().jsonPath(),
                        t -> !"running".equals(t.getString("status")));
    }

    /** The message of the task the answer started, which must have finished. */
    static String finished(ValidatableResponse accepted) {
        JsonPath task = ended(accepted.statusCode(202).extract().path("id"));
        assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");
        return task.getString("message");
    }
}
