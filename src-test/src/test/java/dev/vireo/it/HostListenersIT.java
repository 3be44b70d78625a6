package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
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
 * The host's listener row decides who writes what libvirt's events mean: this server records a
 * VM's lifecycle events (GET /api/vms/{name}/events, table vm_event) while it listens for the
 * host, records nothing while another live server does, and takes the host over once that
 * server's hold ran out. The other server is rows in the database, as a second server's would be.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostListenersIT {

    private static final String DEFAULT_HOST = "local";
    private static final Duration BEATS = Duration.ofSeconds(60);

    private final List<String> peers = new ArrayList<>();
    private String vm;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.earWithTaskProbe();
    }

    @BeforeEach
    void aVm() {
        vm = Vireo.newVm("hl-");
    }

    @AfterEach
    void forgetPeers() throws SQLException {
        try (Connection db = Vireo.database()) {
            for (String peer : peers) {
                update(db, "delete from host_listener where node = ?", peer);
                update(db, "delete from server_node where name = ?", peer);
            }
        }
    }

    @Test
    void aHostWithoutListenerIsClaimedAndItsListenerRecordsEachEventOnce() throws SQLException {
        try (Connection db = Vireo.database()) {
            update(db, "delete from host_listener where host = ?", DEFAULT_HOST);
        }
        String server = awaitListener(null);

        api().post("/api/vms/" + vm + "/start").then().statusCode(200);
        JsonPath events = awaitEvent("started");

        assertThat(events.getString("[0].kind")).isEqualTo("started");
        assertThat(events.getString("[0].detail")).isEqualTo("booted");
        assertThat(events.getString("[0].node")).isEqualTo(server);
        assertThat(events.getString("[0].occurred")).isNotBlank();
        assertThat(recorded("started")).containsExactly(server);
    }

    @Test
    void whileAnotherLiveServerListensNothingIsRecordedHereAndItsHostIsTakenOverWhenItsHoldRunsOut() throws SQLException {
        String server = awaitListener(null);
        String peer = peer();
        holdOnPeer(peer, Instant.now().plus(Duration.ofMinutes(10)));

        Instant held = Instant.now();
        api().post("/api/vms/" + vm + "/start").then().statusCode(200);
        // a whole beat of the server after the peer took the host (a beat writes the heartbeat, then claims hosts)
        await("a beat of the server").atMost(BEATS).until(() -> heartbeatOf(server).isAfter(held.plusSeconds(6)));
        assertThat(listener()).isEqualTo(peer);

        // the peer fell silent: its hold ran out
        holdOnPeer(peer, Instant.now().minus(Duration.ofSeconds(1)));
        assertThat(awaitListener(peer)).isEqualTo(server);
        api().post("/api/vms/" + vm + "/poweroff").then().statusCode(200);
        JsonPath events = awaitEvent("stopped");

        assertThat(events.getList("kind")).as("the start happened while the peer listened").doesNotContain("started");
        assertThat(events.getString("[0].node")).isEqualTo(server);
        assertThat(recorded("started")).isEmpty();
        assertThat(recorded("stopped")).containsExactly(server);
    }

    @Test
    void eventsOfNoSuchVmAreNotFoundAndOfABadNameRefused() {
        api().get("/api/vms/no-such-vm-" + UUID.randomUUID().toString().substring(0, 8) + "/events").then().statusCode(404)
                .body("code", equalTo("VMS0004E"));
        api().get("/api/vms/.hidden/events").then().statusCode(400).body("code", equalTo("NAME0001E"));
    }

    /** Waits for a listener of the default host other than {@code before}; answers it. */
    private static String awaitListener(String before) {
        return await("a listener of " + DEFAULT_HOST).atMost(BEATS).until(HostListenersIT::listener,
                node -> node != null && !node.equals(before));
    }

    private JsonPath awaitEvent(String kind) {
        return await(kind + " of " + vm).atMost(Duration.ofSeconds(30)).until(
                () -> api().get("/api/vms/" + vm + "/events").then().statusCode(200).extract().jsonPath(),
                json -> kind.equals(json.getString("[0].kind")));
    }

    private static String listener() throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select node from host_listener where host = ?")) {
            query.setString(1, DEFAULT_HOST);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static Instant heartbeatOf(String node) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select heartbeat from server_node where name = ?")) {
            query.setString(1, node);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getTimestamp(1).toInstant() : Instant.EPOCH;
            }
        }
    }

    /** The nodes that recorded events {@code kind} of the VM, one per row. */
    private List<String> recorded(String kind) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select node from vm_event where host = ? and vm = ? and kind = ?")) {
            query.setString(1, DEFAULT_HOST);
            query.setString(2, vm);
            query.setString(3, kind);
            List<String> nodes = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    nodes.add(rows.getString(1));
                }
            }
            return nodes;
        }
    }

    /** A live server node. */
    private String peer() throws SQLException {
        String name = "it-listener-" + UUID.randomUUID().toString().substring(0, 8);
        peers.add(name);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection db = Vireo.database();
             PreparedStatement insert = db.prepareStatement("insert into server_node (name, started, heartbeat) values (?, ?, ?)")) {
            insert.setString(1, name);
            insert.setTimestamp(2, Timestamp.from(now));
            insert.setTimestamp(3, Timestamp.from(now));
            insert.executeUpdate();
        }
        return name;
    }

    /** The row a server {@code peer} writes when it holds the default host until {@code until}. */
    private static void holdOnPeer(String peer, Instant until) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement hold = db.prepareStatement("update host_listener set node = ?, held_until = ? where host = ?")) {
            hold.setString(1, peer);
            hold.setTimestamp(2, Timestamp.from(until.truncatedTo(ChronoUnit.MICROS)));
            hold.setString(3, DEFAULT_HOST);
            assertThat(hold.executeUpdate()).isEqualTo(1);
        }
    }

    private static void update(Connection db, String sql, String value) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, value);
            statement.executeUpdate();
        }
    }
}
