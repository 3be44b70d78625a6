package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static dev.vireo.it.Vireo.probe;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lock table is the truth every server goes by: a row another (live) server holds keeps this
 * one's operation off the target, waited for or refused with 409 naming that server; a row of a
 * server that stopped beating is taken over; this server's own operations write their rows and
 * delete them when they end. The other servers are rows in the database, as a second server's
 * would be.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationLocksAcrossServersIT {

    private static final String DEFAULT_HOST = "local";

    private final List<String> peers = new ArrayList<>();
    private String vm;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.earWithTaskProbe();
    }

    @BeforeEach
    void aVm() {
        vm = Vireo.newVm("xlock-");
    }

    @AfterEach
    void forgetPeers() throws SQLException {
        try (Connection db = Vireo.database()) {
            for (String peer : peers) {
                update(db, "delete from operation_lock where node = ?", peer);
                update(db, "delete from server_node where name = ?", peer);
            }
        }
    }

    @Test
    void aTaskOfAnotherLiveServerRefusesAChangeAtOnceNamingThatServer() throws SQLException {
        String peer = peer(Instant.now());
        holdOnPeer(peer, "vm.clone (task 77)", 77L);

        Response refused = title("refused");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.jsonPath().getString("code")).isEqualTo("LOCK0001E");
        assertThat(refused.jsonPath().getString("reason"))
                .isEqualTo("The virtual machine " + vm + " is busy with vm.clone (task 77) on server node " + peer
                        + ": try again when it has ended");
        assertThat(api().get("/api/vms/" + vm).then().statusCode(200).extract().<String>path("title")).isNotEqualTo("refused");
        assertThat(rowsOfVm()).containsExactly(peer);

        releaseOnPeer(peer);
        assertThat(title("changed").statusCode()).isEqualTo(200);
        assertThat(api().get("/api/vms/" + vm).then().extract().<String>path("title")).isEqualTo("changed");
        assertThat(rowsOfVm()).isEmpty();
    }

    @Test
    void aCallOfAnotherLiveServerIsWaitedForAndRefusedWhenItDoesNotEndInTime() throws SQLException {
        String peer = peer(Instant.now());
        holdOnPeer(peer, "vm.update", null);

        Response refused = title("refused");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.jsonPath().getString("reason")).contains("busy with vm.update on server node " + peer);
        assertThat(rowsOfVm()).containsExactly(peer);
    }

    @Test
    void aCallWaitingForAnotherServerGoesOnWhenThatServerLetsGo() throws Exception {
        String peer = peer(Instant.now());
        holdOnPeer(peer, "vm.update", null);

        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> title("after the peer"));
        // let the request reach the row before the peer lets go (it would pass as well if it came later)
        TimeUnit.SECONDS.sleep(2);
        releaseOnPeer(peer);

        assertThat(waiting.get(1, TimeUnit.MINUTES).statusCode()).isEqualTo(200);
        assertThat(api().get("/api/vms/" + vm).then().extract().<String>path("title")).isEqualTo("after the peer");
        assertThat(rowsOfVm()).isEmpty();
    }

    @Test
    void theLockOfAServerThatStoppedBeatingIsTakenOver() throws SQLException {
        String dead = peer(Instant.now().minus(Duration.ofHours(2)));
        holdOnPeer(dead, "vm.clone (task 78)", 78L);

        assertThat(title("taken over").statusCode()).isEqualTo(200);

        assertThat(api().get("/api/vms/" + vm).then().extract().<String>path("title")).isEqualTo("taken over");
        assertThat(rowsOfVm()).isEmpty();
    }

    @Test
    void aTaskOfThisServerHoldsItsRowUntilItEnds() throws SQLException {
        String task = probe().queryParam("vm", vm).post("/tasks/locked").then().statusCode(200).extract().path("id");

        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select holder, task, node from operation_lock where target_key = ?")) {
            query.setString(1, key());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("holder")).isEqualTo("probe.lock (task " + task + ")");
                assertThat(row.getLong("task")).isEqualTo(Long.parseLong(task));
                assertThat(row.getString("node")).isNotBlank();
            }
        }
        Response refused = title("refused");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.jsonPath().getString("reason")).contains("busy with probe.lock (task " + task + ")");

        probe().queryParam("target", "/api/vms/" + vm).post("/tasks/release").then().statusCode(204);
        assertThat(Vireo.endedTask(task).getString("status")).isEqualTo("finished");

        assertThat(rowsOfVm()).isEmpty();
        assertThat(title("free again").statusCode()).isEqualTo(200);
    }

    private Response title(String title) {
        return api().contentType(ContentType.JSON).body("{\"title\": \"" + title + "\"}").put("/api/vms/" + vm);
    }

    private String key() {
        return "virtual machine|" + DEFAULT_HOST + "|" + vm;
    }

    /** A server node whose last heartbeat was at {@code heartbeat}. */
    private String peer(Instant heartbeat) throws SQLException {
        String name = "it-peer-" + UUID.randomUUID().toString().substring(0, 8);
        peers.add(name);
        try (Connection db = Vireo.database();
             PreparedStatement insert = db.prepareStatement("insert into server_node (name, started, heartbeat) values (?, ?, ?)")) {
            insert.setString(1, name);
            insert.setTimestamp(2, Timestamp.from(heartbeat.truncatedTo(ChronoUnit.MICROS)));
            insert.setTimestamp(3, Timestamp.from(heartbeat.truncatedTo(ChronoUnit.MICROS)));
            insert.executeUpdate();
        }
        return name;
    }

    /** The row a server {@code peer} writes when its operation {@code holder} takes the VM. */
    private void holdOnPeer(String peer, String holder, Long task) throws SQLException {
        try (Connection db = Vireo.database(); PreparedStatement insert = db.prepareStatement("insert into operation_lock"
                + " (target_key, host, kind, name, owner, holder, task, node, acquired) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, key());
            insert.setString(2, DEFAULT_HOST);
            insert.setString(3, "virtual machine");
            insert.setString(4, vm);
            insert.setString(5, UUID.randomUUID().toString());
            insert.setString(6, holder);
            insert.setObject(7, task);
            insert.setString(8, peer);
            insert.setTimestamp(9, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)));
            insert.executeUpdate();
        }
    }

    private void releaseOnPeer(String peer) throws SQLException {
        try (Connection db = Vireo.database()) {
            update(db, "delete from operation_lock where node = ?", peer);
        }
    }

    /** The nodes holding rows for the VM. */
    private List<String> rowsOfVm() throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select node from operation_lock where target_key = ?")) {
            query.setString(1, key());
            List<String> nodes = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    nodes.add(rows.getString(1));
                }
            }
            return nodes;
        }
    }

    private static void update(Connection db, String sql, String value) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, value);
            statement.executeUpdate();
        }
    }
}
