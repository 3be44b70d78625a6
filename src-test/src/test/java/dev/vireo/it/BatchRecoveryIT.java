package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A batch outlives the application: after a restart its items say where they ended, a creation
 * under way as its task (failed by the restart) and a deletion cut short as failed; items that
 * ended before keep their outcome. With several servers, a server that starts ends only its own
 * batches' items: another live server's go on, a silent server's end failed with the reason.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BatchRecoveryIT {

    private static final String DEPLOYMENT = "vireo-batch-restarted";
    private static final long CREATION_BATCH = 900_000_101L;
    private static final long DELETION_BATCH = 900_000_102L;
    private static final long ORPHAN_TASK = 900_000_103L;
    private static final long PEER_BATCH = 900_000_104L;
    private static final long SILENT_PEER_BATCH = 900_000_105L;
    private static final String PEER = "it-batch-peer";
    private static final String SILENT_PEER = "it-batch-silent-peer";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void itemsCutShortByAStopEndFailedAndTheOthersKeepTheirOutcome() throws SQLException {
        deployer.deploy(DEPLOYMENT); // creates the schema
        try {
            insertBatches();
            api().get("/api/batches/" + CREATION_BATCH).then().statusCode(200).body("running", equalTo(true))
                    .body("items[0].status", equalTo("creating")).body("items[0].progress", equalTo(30));
            api().get("/nano/batch/delete_guest/" + DELETION_BATCH).then().statusCode(202)
                    .body("data[1].status", equalTo("deleting"));

            deployer.undeploy(DEPLOYMENT);
            deployer.deploy(DEPLOYMENT);

            api().get("/api/batches/" + CREATION_BATCH).then().statusCode(200)
                    .body("running", equalTo(false))
                    .body("items[0].name", equalTo("rb_0"))
                    .body("items[0].status", equalTo("fail"))
                    .body("items[0].error", equalTo("interrupted by server restart"))
                    .body("items[0].task", equalTo("/api/tasks/" + ORPHAN_TASK))
                    .body("items[1].status", equalTo("fail"))
                    .body("items[1].error", equalTo("VMS0006E: A virtual machine named rb_1 already exists"));
            api().get("/nano/batch/delete_guest/" + DELETION_BATCH).then().statusCode(200)
                    .body("data[0].status", equalTo("deleted")).body("data[0].error", nullValue())
                    .body("data[1].status", equalTo("fail"))
                    .body("data[1].error", equalTo("interrupted by server restart"))
                    .body("data[2].status", equalTo("fail"));
            api().get("/nano/batch/delete_guest/" + PEER_BATCH).then().statusCode(202)
                    .body("data[0].status", equalTo("deleting")).body("data[0].error", nullValue());
            api().get("/nano/batch/delete_guest/" + SILENT_PEER_BATCH).then().statusCode(200)
                    .body("data[0].status", equalTo("fail"))
                    .body("data[0].error", startsWith("HAC0002E: Server node " + SILENT_PEER + " stopped (no heartbeat since "));
        } finally {
            deployer.undeploy(DEPLOYMENT);
            forgetPeers();
        }
    }

    /** A live server (its heartbeat ahead, so it stays live however long the restart takes) and a silent one, each with a batch. */
    private static void insertBatchesOfOtherServers(Connection db, Timestamp now) throws SQLException {
        node(db, PEER, Timestamp.from(Instant.now().plus(Duration.ofDays(1))));
        node(db, SILENT_PEER, Timestamp.from(Instant.now().minus(Duration.ofHours(2))));
        batch(db, PEER_BATCH, "delete_guest", now, PEER);
        item(db, PEER_BATCH, 0, null, "0a000000-0000-0000-0000-000000000005", null, "deleting", null);
        batch(db, SILENT_PEER_BATCH, "delete_guest", now, SILENT_PEER);
        item(db, SILENT_PEER_BATCH, 0, null, "0a000000-0000-0000-0000-000000000006", null, "pending", null);
    }

    private static void node(Connection db, String name, Timestamp heartbeat) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into server_node (name, started, heartbeat) values (?, ?, ?)")) {
            insert.setString(1, name);
            insert.setTimestamp(2, heartbeat);
            insert.setTimestamp(3, heartbeat);
            insert.executeUpdate();
        }
    }

    private static void forgetPeers() throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement delete = db.prepareStatement("delete from server_node where name in (?, ?)")) {
            delete.setString(1, PEER);
            delete.setString(2, SILENT_PEER);
            delete.executeUpdate();
        }
    }

    private static void insertBatches() throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection db = Vireo.database()) {
            try (PreparedStatement task = db.prepareStatement("insert into task "
                    + "(id, version, operation, status, message, target_uri, progress, owner, created, updated) "
                    + "values (?, 0, 'vm.create', 'RUNNING', 'creating disk 1 of 1', '/api/vms/rb_0', 30, 'admin', ?, ?)")) {
                task.setLong(1, ORPHAN_TASK);
                task.setTimestamp(2, now);
                task.setTimestamp(3, now);
                task.executeUpdate();
            }
            batch(db, CREATION_BATCH, "create_guest", now);
            item(db, CREATION_BATCH, 0, "rb_0", "0a000000-0000-0000-0000-000000000001", ORPHAN_TASK, "submitted", null);
            item(db, CREATION_BATCH, 1, "rb_1", null, null, "fail", "VMS0006E: A virtual machine named rb_1 already exists");
            batch(db, DELETION_BATCH, "delete_guest", now);
            item(db, DELETION_BATCH, 0, null, "0a000000-0000-0000-0000-000000000002", null, "deleted", null);
            item(db, DELETION_BATCH, 1, null, "0a000000-0000-0000-0000-000000000003", null, "deleting", null);
            item(db, DELETION_BATCH, 2, null, "0a000000-0000-0000-0000-000000000004", null, "pending", null);
            insertBatchesOfOtherServers(db, now);
        }
    }

    private static void batch(Connection db, long id, String kind, Timestamp now) throws SQLException {
        batch(db, id, kind, now, null);
    }

    private static void batch(Connection db, long id, String kind, Timestamp now, String node) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "insert into batch (id, version, kind, owner, created, node) values (?, 0, ?, 'admin', ?, ?)")) {
            insert.setLong(1, id);
            insert.setString(2, kind);
            insert.setTimestamp(3, now);
            insert.setString(4, node);
            insert.executeUpdate();
        }
    }

    private static void item(Connection db, long batch, int position, String name, String guest, Long task, String status,
                             String error) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into batch_item "
                + "(batch_id, position, name, guest_id, task_id, status, error) values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, batch);
            insert.setInt(2, position);
            insert.setString(3, name);
            insert.setString(4, guest);
            insert.setObject(5, task);
            insert.setString(6, status);
            insert.setString(7, error);
            insert.executeUpdate();
        }
    }
}
