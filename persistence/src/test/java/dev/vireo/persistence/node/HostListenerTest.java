package dev.vireo.persistence.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.persistence.testing.MigratedH2;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who acts on a host's libvirt events: real H2, the real migration, Hibernate running the entity's
 * own queries; the node timeout is a minute, each beat holds a host for one more.
 */
class HostListenerTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private MigratedH2 h2;
    private SessionFactory database;

    @BeforeEach
    void migrate() {
        h2 = MigratedH2.start(HostListener.class);
        database = h2.database();
        database.inTransaction(session -> session.persist(new HostListener("local", "node-a", T0.plus(TIMEOUT))));
    }

    @AfterEach
    void drop() throws SQLException {
        h2.close();
    }

    @Test
    void theListenerRenewsItsHoldOnEachBeatAndNoOtherNodeGetsTheHostMeanwhile() {
        Instant beat = T0.plusSeconds(5);
        assertThat(claim("node-a", beat)).isEqualTo(1);
        assertThat(holder()).isEqualTo("node-a");
        assertThat(heldUntil()).isEqualTo(beat.plus(TIMEOUT));
        // another node, even long after the first claim, while node-a keeps beating
        assertThat(claim("node-b", T0.plus(TIMEOUT).plusSeconds(1))).isZero();
        assertThat(holder()).isEqualTo("node-a");
        assertThat(holds("node-a", T0.plus(TIMEOUT).plusSeconds(1))).isTrue();
        assertThat(holds("node-b", T0.plus(TIMEOUT).plusSeconds(1))).isFalse();
    }

    @Test
    void aHostWhoseListenerFellSilentForTheNodeTimeoutIsTakenOverByTheNextNodeThatBeats() {
        Instant silent = T0.plus(TIMEOUT).plusMillis(1);
        assertThat(holds("node-a", silent)).as("node-a's hold ran out").isFalse();
        assertThat(claim("node-b", silent)).isEqualTo(1);
        assertThat(holder()).isEqualTo("node-b");
        assertThat(holds("node-b", silent)).isTrue();
        // node-a comes back (its beats stalled): it no longer gets the host back
        assertThat(claim("node-a", silent.plusSeconds(1))).isZero();
        assertThat(holder()).isEqualTo("node-b");
    }

    @Test
    void atTheNodeTimeoutItselfTheHoldStillHolds() {
        assertThat(holds("node-a", T0.plus(TIMEOUT))).isTrue();
        assertThat(claim("node-b", T0.plus(TIMEOUT))).isZero();
    }

    @Test
    void aNodeThatStopsLetsGoAndTheNextBeatOfAnotherTakesItsHostsAtOnce() {
        Instant stop = T0.plusSeconds(10);
        int let = database.fromTransaction(session -> session.createNamedMutationQuery(HostListener.LET_GO)
                .setParameter("node", "node-a").setParameter("now", stop).executeUpdate());
        assertThat(let).isEqualTo(1);
        assertThat(holds("node-a", stop.plusMillis(1))).isFalse();
        assertThat(claim("node-b", stop.plusMillis(1))).isEqualTo(1);
        assertThat(holder()).isEqualTo("node-b");
    }

    @Test
    void ofNodesTakingOverASilentListenersHostAtOnceExactlyOneWins() throws Exception {
        int nodes = 4;
        ExecutorService threads = Executors.newFixedThreadPool(nodes);
        try {
            Instant now = T0.plus(TIMEOUT).plusSeconds(1);
            for (int round = 0; round < 20; round++) {
                Instant at = now;
                CyclicBarrier together = new CyclicBarrier(nodes);
                List<Future<Integer>> claims = new ArrayList<>();
                for (int node = 0; node < nodes; node++) {
                    String name = "node-" + round + "-" + node;
                    claims.add(threads.submit((Callable<Integer>) () -> {
                        together.await();
                        return claim(name, at);
                    }));
                }
                int won = 0;
                for (Future<Integer> claim : claims) {
                    won += claim.get();
                }
                assertThat(won).as("nodes that took the host over in round %d", round).isEqualTo(1);
                // the winner falls silent in turn
                now = now.plus(TIMEOUT).plusSeconds(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private int claim(String node, Instant now) {
        return database.fromTransaction(session -> session.createNamedMutationQuery(HostListener.CLAIM)
                .setParameter("host", "local").setParameter("node", node).setParameter("now", now)
                .setParameter("until", now.plus(TIMEOUT)).executeUpdate());
    }

    private boolean holds(String node, Instant now) {
        return !database.fromSession(session -> session.createNamedQuery(HostListener.HELD, HostListener.class)
                .setParameter("host", "local").setParameter("node", node).setParameter("now", now).getResultList()).isEmpty();
    }

    private String holder() {
        return database.fromSession(session -> session.find(HostListener.class, "local").getNode());
    }

    private Instant heldUntil() {
        return database.fromSession(session -> session.find(HostListener.class, "local").getHeldUntil());
    }
}
