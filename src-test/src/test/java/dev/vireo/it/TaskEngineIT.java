package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static dev.vireo.it.Vireo.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The task engine, driven through a probe whose steps the test releases one at a time. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TaskEngineIT {

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.earWithTaskProbe();
    }

    @Test
    void aTaskRunsReportsProgressAndFinishes() throws SQLException {
        String target = "/api/probe/" + UUID.randomUUID();
        String id = start(target, 2, null);

        api().get("/api/tasks/" + id).then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("running"))
                .body("progress", equalTo(0))
                .body("target_uri", equalTo(target));
        api().queryParam("status", "running").queryParam("target_uri", target).get("/api/tasks").then()
                .body("id", contains(id));

        release(target);
        JsonPath first = awaitTask(id, task -> task.getInt("progress") == 33);
        assertThat(first.getString("status")).isEqualTo("running");
        assertThat(first.getString("message")).isEqualTo("step 1 of 2");

        release(target);
        JsonPath done = awaitTask(id, task -> !"running".equals(task.getString("status")));
        assertThat(done.getString("status")).isEqualTo("finished");
        assertThat(done.getInt("progress")).isEqualTo(100);
        assertThat(done.getString("message")).isEqualTo("all 2 steps done");

        assertThat(storedStatus(id)).isEqualTo("FINISHED");
        api().queryParam("status", "finished").queryParam("target_uri", target).get("/api/tasks").then()
                .body("id", contains(id));
        api().queryParam("status", "running").queryParam("target_uri", target).get("/api/tasks").then()
                .body("$", empty());
        api().get("/plugins/kimchi/tasks/" + id).then().statusCode(200).body("status", equalTo("finished"));
    }

    @Test
    void aTaskThatThrowsEndsFailedWithTheReason() throws SQLException {
        String target = "/api/probe/" + UUID.randomUUID();
        String id = start(target, 1, "the disk image vanished");
        release(target);

        JsonPath failed = awaitTask(id, task -> !"running".equals(task.getString("status")));
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("message")).isEqualTo("the disk image vanished");
        assertThat(failed.getInt("progress")).isEqualTo(50);
        assertThat(storedStatus(id)).isEqualTo("FAILED");
    }

    @Test
    void unknownTasksAndBadFiltersAreRefused() {
        api().get("/api/tasks/987654321").then().statusCode(404).body("code", equalTo("TASK0001E"));
        api().get("/api/tasks/not-a-number").then().statusCode(404).body("code", equalTo("TASK0001E"));
        api().queryParam("status", "sleeping").get("/api/tasks").then()
                .statusCode(400)
                .body("code", equalTo("TASK0002E"))
                .body("reason", equalTo("Invalid task status 'sleeping': use running, finished or failed"));
    }

    private static String start(String target, int steps, String failure) {
        var request = probe().queryParam("target", target).queryParam("steps", steps);
        if (failure != null) {
            request.queryParam("fail", failure);
        }
        return request.post("/tasks").then().statusCode(200).extract().path("id");
    }

    private static void release(String target) {
        probe().queryParam("target", target).post("/tasks/release").then().statusCode(204);
    }

    private static JsonPath awaitTask(String id, java.util.function.Predicate<JsonPath> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/api/tasks/" + id).then().statusCode(200).extract().jsonPath(), condition::test);
    }

    private static String storedStatus(String id) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select status from task where id = ?")) {
            query.setLong(1, Long.parseLong(id));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("task %s is stored", id).isTrue();
                return row.getString(1);
            }
        }
    }
}
