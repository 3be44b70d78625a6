package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nano's batches at the scale, on a compute pool of two test-driver cells: 50 guests made
 * from one disk image in one batch (one name taken: that item fails alone, the 49 others are made,
 * each item's status readable while the batch runs), the image copied once to each cell however
 * many guests land there; then one batch deletes the 49 with a bogus id among them, which fails
 * alone. The image, no longer used, goes with its two copies.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ImageBatchIT {

    private static final int COUNT = 50;
    private static final int TAKEN = 7;
    private static final String NO_SUCH_GUEST = "00000000-0000-0000-0000-000000000000";

    @RegisterExtension
    final ZoneFixture zone = new ZoneFixture("imgb-", "imgb-tpl-");

    private final List<String> vms = new ArrayList<>();
    private String image;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @AfterEach
    void removeWhatWasMade() {
        vms.forEach(vm -> api().delete("/api/vms/" + vm));
        if (image != null) {
            api().delete("/api/images/" + image);
        }
    }

    @Test
    void fiftyGuestsFromOneImageAreMadeAndDeletedItemByItem() throws IOException, SQLException {
        String storage = "batchstore-" + zone.suffix();
        Path one = Files.createTempDirectory("vireo-cell-");
        Path two = Files.createTempDirectory("vireo-cell-");
        String cellOne = zone.register("one", new TestDriverHost().memoryMiB(16384).pool(storage, one), false);
        String cellTwo = zone.register("two", new TestDriverHost().memoryMiB(16384).pool(storage, two), false);
        api().contentType(ContentType.JSON).body("{\"storage\": \"" + storage + "\"}").put("/api/computepools/" + zone.pool())
                .then().statusCode(200);
        byte[] content = new byte[1 << 20];
        new Random(COUNT).nextBytes(content);
        image = api().contentType(ContentType.JSON).body("{\"kind\": \"disk\", \"name\": \"batch-" + zone.suffix() + "\"}")
                .post("/api/images").then().statusCode(201).extract().path("id");
        api().contentType(ContentType.BINARY).body(content).put("/api/images/" + image + "/content").then().statusCode(200);

        String prefix = "ib" + zone.suffix();
        for (int i = 0; i < COUNT; i++) {
            vms.add(prefix + "_" + i);
        }
        String taken = prefix + "_" + TAKEN;
        ZoneFixture.finished(api().contentType(ContentType.JSON).body("{\"name\": \"" + taken + "\", \"host\": \"" + cellOne
                + "\", \"storagepool\": \"" + storage + "\", \"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [16]}}")
                .post("/api/vms").then());

        String batch = api().contentType(ContentType.JSON).body("{\"name_prefix\": \"" + prefix + "\", \"pool\": \""
                        + zone.pool() + "\", \"count\": " + COUNT + ", \"cores\": 1, \"memory\": 64, \"disks\": [16], "
                        + "\"auto_start\": false, \"from_image\": \"" + image + "\"}")
                .post("/nano/batch/create_guest").then().statusCode(202).body("error_code", equalTo(0))
                .extract().path("data.id");

        // read at once: every item is there, the taken one failed, each other one pending, under way or made
        Response first = api().get("/nano/batch/create_guest/" + batch);
        assertThat(first.statusCode()).isIn(200, 202);
        List<Map<String, Object>> items = first.jsonPath().getList("data");
        assertThat(items).hasSize(COUNT);
        for (int i = 0; i < COUNT; i++) {
            Map<String, Object> item = items.get(i);
            assertThat(item.get("name")).isEqualTo(prefix + "_" + i);
            if (i == TAKEN) {
                assertThat(item.get("status")).isEqualTo("fail");
                assertThat((String) item.get("error")).contains("VMS0006E").contains(taken);
            } else {
                assertThat(item.get("status")).as(item.toString()).isIn("pending", "creating", "created");
            }
        }

        JsonPath done = await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(250))
                .until(() -> api().get("/nano/batch/create_guest/" + batch), answer -> answer.statusCode() == 200)
                .jsonPath();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            if (i == TAKEN) {
                assertThat(done.getString("data[" + i + "].status")).isEqualTo("fail");
                continue;
            }
            assertThat(done.getString("data[" + i + "].status")).as(done.getString("data[" + i + "].error"))
                    .isEqualTo("created");
            ids.add(done.getString("data[" + i + "].id"));
        }

        // every guest on a cell of the pool; each cell that got guests has one copy of the image, one row per copy
        List<String> onOne = names(cellOne).stream().filter(name -> name.startsWith(prefix + "_") && !name.equals(taken))
                .toList();
        List<String> onTwo = names(cellTwo).stream().filter(name -> name.startsWith(prefix + "_")).toList();
        assertThat(onOne.size() + onTwo.size()).isEqualTo(COUNT - 1);
        String copy = "image-" + image + ".qcow2";
        List<String> cellsWithGuests = new ArrayList<>();
        for (Map.Entry<String, Path> cell : Map.of(cellOne, one, cellTwo, two).entrySet()) {
            boolean used = !(cell.getKey().equals(cellOne) ? onOne : onTwo).isEmpty();
            assertThat(filesIn(cell.getValue())).isEqualTo(used ? List.of(copy) : List.of());
            if (used) {
                cellsWithGuests.add(cell.getKey());
                assertThat(Files.readAllBytes(cell.getValue().resolve(copy))).isEqualTo(content);
            }
        }
        assertThat(copyHosts(image)).containsExactlyInAnyOrderElementsOf(cellsWithGuests);
        String firstGuest = prefix + "_0";
        api().get("/api/vms/" + firstGuest + "/system").then().statusCode(200).body("backing", equalTo(
                (onOne.contains(firstGuest) ? one : two).resolve(copy).toString()));
        // a figure for the report, never a verdict
        System.out.printf("ImageBatchIT: %d guests on %s, %d on %s%n", onOne.size(), cellOne, onTwo.size(), cellTwo);

        // one batch deletes the 49; a bogus id among them fails alone
        List<String> targets = new ArrayList<>(ids);
        targets.add(NO_SUCH_GUEST);
        String deletion = api().contentType(ContentType.JSON).body("{\"guest\": " + jsonList(targets) + "}")
                .post("/nano/batch/delete_guest").then().statusCode(202).extract().path("data.id");
        JsonPath deleted = await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(250))
                .until(() -> api().get("/nano/batch/delete_guest/" + deletion), answer -> answer.statusCode() == 200)
                .jsonPath();
        for (int i = 0; i < ids.size(); i++) {
            assertThat(deleted.getString("data[" + i + "].status")).as(deleted.getString("data[" + i + "].error"))
                    .isEqualTo("deleted");
        }
        assertThat(deleted.getString("data[" + ids.size() + "].status")).isEqualTo("fail");
        assertThat(deleted.getString("data[" + ids.size() + "].error")).contains("NANO0001E");
        assertThat(Stream.concat(names(cellOne).stream(), names(cellTwo).stream())
                .filter(name -> name.startsWith(prefix + "_"))).containsExactly(taken);

        // unused now: the image goes with its copies on both cells
        api().delete("/api/images/" + image).then().statusCode(204);
        image = null;
        assertThat(filesIn(one)).isEmpty();
        assertThat(filesIn(two)).isEmpty();
    }

    private static List<String> names(String host) {
        return api().get("/api/vms?host=" + host).then().statusCode(200).extract().jsonPath().getList("name", String.class);
    }

    private static List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    private static List<String> copyHosts(String image) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select host from image_copy where image_public_id = ?")) {
            query.setString(1, image);
            List<String> hosts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    hosts.add(rows.getString(1));
                }
            }
            return hosts;
        }
    }

    private static String jsonList(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").reduce((a, b) -> a + ", " + b).map(s -> "[" + s + "]")
                .orElse("[]");
    }
}
