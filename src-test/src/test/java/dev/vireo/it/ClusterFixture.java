package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the cluster ITs make and read: a small template, VMs made from it, tasks' ends, members' rows. */
public final class ClusterFixture {

    private ClusterFixture() {
    }

    /** A template of 128 MiB with one 1 GiB disk in default-pool, booting from the network. */
    static void smallTemplate(String name) {
        api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"memory\": {\"current\": 128}, \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
    }

    /** A shut-off VM made from the template, its task finished. */
    static void vmFrom(String template, String vm) {
        String task = api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + vm + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        assertThat(awaitTask(task).getString("status")).isEqualTo("finished");
    }

    /** The task once it ended. */
    static JsonPath awaitTask(String id) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                !"running".equals(api().get("/api/tasks/" + id).then().extract().path("status")));
        return api().get("/api/tasks/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The cluster's members in start order, as its rows say. */
    public static List<String> membersInDatabase(String cluster) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select m.vm from vm_cluster_member m join vm_cluster c"
                     + " on c.id = m.cluster_id where c.name = ? order by m.start_position")) {
            query.setString(1, cluster);
            List<String> members = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    members.add(rows.getString(1));
                }
            }
            return members;
        }
    }
}
