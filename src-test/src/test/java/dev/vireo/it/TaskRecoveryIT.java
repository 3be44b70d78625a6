package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
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
 * A task left running by a stopped application is failed when the application starts again, and
 * its end is audited under the action and target its start was audited with.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TaskRecoveryIT {

    private static final String DEPLOYMENT = "vireo-restarted";
    private static final long ORPHAN_ID = 900_000_001L;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void aTaskCutShortByAStopEndsFailedAtTheNextStart() throws SQLException {
        deployer.deploy(DEPLOYMENT); // creates the schema
        try {
            insertRunningTask();
            api().get("/api/tasks/" + ORPHAN_ID).then().body("status", equalTo("running"));

            deployer.undeploy(DEPLOYMENT);
            deployer.deploy(DEPLOYMENT);

            api().get("/api/tasks/" + ORPHAN_ID).then()
                    .statusCode(200)
                    .body("status", equalTo("failed"))
                    .body("message", equalTo("interrupted by server restart"))
                    .body("progress", equalTo(40));
            api().queryParam("action", "vm.clone").queryParam("limit", 1000).get("/api/logs").then().statusCode(200)
                    .body("findAll { it.target == 'orphan' }.collect { it.user + ' ' + it.result + ' ' + it.content }",
                            contains("admin TASK0005E admin vm.clone orphan: TASK0005E (task " + ORPHAN_ID
                                    + ": interrupted by server restart)"));
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    private static void insertRunningTask() throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement insert = db.prepareStatement("insert into task "
                     + "(id, version, operation, status, message, target_uri, progress, owner, created, updated, "
                     + "audit_action, audit_target) "
                     + "values (?, 0, 'vm.clone', 'RUNNING', 'copying disk 1 of 2', '/api/vms/orphan-clone1', 40, "
                     + "'admin', ?, ?, 'vm.clone', 'orphan')")) {
            Timestamp now = Timestamp.from(Instant.now());
            insert.setLong(1, ORPHAN_ID);
            insert.setTimestamp(2, now);
            insert.setTimestamp(3, now);
            insert.executeUpdate();
        }
    }
}
