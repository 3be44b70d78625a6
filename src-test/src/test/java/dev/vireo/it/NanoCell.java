package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * For Nano's guest tests: a compute pool ({@code <prefix>-…}, storage pool {@code <prefix>s-…}) of one private
 * test-driver cell, and the guests made on it; {@link #remove} powers them off and deletes them, then the cell and pool.
 */
final class NanoCell {

    final String suffix = UUID.randomUUID().toString().substring(0, 6);
    final String pool;
    final String storage;
    final String cell = "cell-" + suffix;
    final Path dir;
    private final List<String> vms = new ArrayList<>();

    NanoCell(String prefix) throws IOException {
        pool = prefix + "-" + suffix;
        storage = prefix + "s-" + suffix;
        dir = Files.createTempDirectory("vireo-nano-" + prefix + "-");
        api().contentType(ContentType.JSON).body("{\"name\": \"" + pool + "\", \"storage\": \"" + storage + "\"}")
                .post("/api/computepools").then().statusCode(201);
        String uri = new TestDriverHost().memoryMiB(16384).cpus(8).pool(storage).writeTo(dir.resolve(cell + ".xml"));
        api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + cell + "\", \"uri\": \"" + uri + "\", \"pool\": \"" + pool + "\"}")
                .post("/api/hosts").then().statusCode(201);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                api().get("/api/hosts/" + cell).then().body("state", equalTo("connected")));
    }

    /** A shut-off guest of 1 core and 256 MiB with disks of {@code disks} MiB (a JSON array), its creation task finished. */
    String guest(String name, String group, String disks) {
        vms.add(name);
        String id = api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"owner\": \"admin\", "
                        + (group == null ? "" : "\"group\": \"" + group + "\", ") + "\"pool\": \"" + pool + "\", "
                        + "\"cores\": 1, \"memory\": 256, \"disks\": " + disks + ", \"auto_start\": false}")
                .post("/nano/guests/").then().statusCode(202).extract().path("data.id");
        String task = await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/api/tasks?target_uri=/api/vms/" + name)
                .jsonPath().getString("[0].id"), found -> found != null);
        JsonPath done = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/api/tasks/" + task).then().extract().jsonPath(),
                        t -> !"running".equals(t.getString("status")));
        assertThat(done.getString("status")).as(done.getString("message")).isEqualTo("finished");
        return id;
    }

    /** Also removes VM {@code name} (one renamed, or one a test made otherwise). */
    void track(String name) {
        vms.add(name);
    }

    /** A VM the test deleted itself. */
    void forget(String name) {
        vms.remove(name);
    }

    void remove() {
        for (String vm : vms) {
            api().post("/api/vms/" + vm + "/poweroff");
            api().delete("/api/vms/" + vm);
        }
        api().delete("/api/hosts/" + cell);
        api().delete("/api/computepools/" + pool);
    }
}
