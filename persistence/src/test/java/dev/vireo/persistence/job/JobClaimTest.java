package dev.vireo.persistence.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.persistence.testing.MigratedH2;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The claim that keeps a job from running twice: real H2, the real migration, Hibernate running
 * the entity's own queries, several "servers" (threads with a connection each) at once.
 */
class JobClaimTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final Instant LEASE_END = T0.plus(Duration.ofMinutes(30));

    private MigratedH2 h2;
    private SessionFactory database;

    @BeforeEach
    void migrate() {
        h2 = MigratedH2.start(JobSettings.class, JobClaim.class, JobRun.class);
        database = h2.database();
        database.inTransaction(session -> {
            session.persist(new JobSettings("retention", true, "every 1h", T0));
            session.persist(new JobClaim("retention", JobClaim.EVERY_SERVER, T0));
        });
    }

    @AfterEach
    void drop() throws SQLException {
        h2.close();
    }

    @Test
    void ofServersClaimingADueJobAtOnceExactlyOneWinsEachPeriod() throws Exception {
        int servers = 4;
        ExecutorService threads = Executors.newFixedThreadPool(servers);
        try {
            Instant due = T0;
            for (int period = 0; period < 20; period++) {
                Instant seen = due;
                Instant now = due.plusMillis(1);
                CyclicBarrier together = new CyclicBarrier(servers);
                List<Future<Integer>> claims = new ArrayList<>();
                for (int server = 0; server < servers; server++) {
                    String node = "node-" + server;
                    claims.add(threads.submit((Callable<Integer>) () -> {
                        together.await();
                        return claim(seen, seen.plus(Duration.ofHours(1)), node, now.plus(Duration.ofMinutes(30)), now);
                    }));
                }
                int won = 0;
                for (Future<Integer> claim : claims) {
                    won += claim.get();
                }
                assertThat(won).as("servers that won period %d", period).isEqualTo(1);
                release(claimedBy());
                due = due.plus(Duration.ofHours(1));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aClaimedJobIsNotClaimedAgainUntilItIsReleasedOrItsClaimRunsOut() {
        assertThat(claim(T0, T0, "node-a", LEASE_END, T0)).isEqualTo(1);
        // due again at once (a run asked for meanwhile), but still claimed by node-a
        assertThat(claim(T0, T0, "node-b", LEASE_END, T0.plusSeconds(1))).isZero();
        assertThat(due(T0.plusSeconds(1))).isEmpty();
        // node-a died: once its claim runs out another server takes the job over
        assertThat(due(LEASE_END.plusSeconds(1))).hasSize(1);
        assertThat(claim(T0, T0.plusSeconds(3600), "node-b", LEASE_END.plus(Duration.ofMinutes(30)), LEASE_END.plusSeconds(1)))
                .isEqualTo(1);
        assertThat(claimedBy()).isEqualTo("node-b");
    }

    @Test
    void aReleasedJobIsFreeAndDueAtItsNextTime() {
        Instant next = T0.plus(Duration.ofHours(1));
        claim(T0, next, "node-a", LEASE_END, T0);
        release("node-a");
        assertThat(claimedBy()).isNull();
        assertThat(due(next.minusSeconds(1))).isEmpty();
        assertThat(due(next)).hasSize(1);
    }

    @Test
    void aClaimReadBeforeAnOperatorsChangeWinsNothing() {
        Instant moved = T0.minusSeconds(5);
        database.inTransaction(session -> session.createNamedMutationQuery(JobClaim.RESCHEDULE)
                .setParameter("next", moved).setParameter("job", "retention").executeUpdate());
        // a server read the claim as due at T0 before the change
        assertThat(claim(T0, T0.plusSeconds(3600), "node-a", LEASE_END, T0)).isZero();
        assertThat(claim(moved, T0.plusSeconds(3600), "node-a", LEASE_END, T0)).isEqualTo(1);
    }

    @Test
    void aDisabledJobIsNeverDue() {
        database.inTransaction(session -> session.createNamedMutationQuery(JobClaim.RESCHEDULE)
                .setParameter("next", null).setParameter("job", "retention").executeUpdate());
        assertThat(due(T0.plus(Duration.ofDays(3650)))).isEmpty();
    }

    @Test
    void aServerStartingAgainEndsItsOwnClaimsOnly() {
        database.inTransaction(session -> session.persist(new JobClaim("sampler", "node-b", T0)));
        claim(T0, T0.plusSeconds(3600), "node-a", LEASE_END, T0);
        int released = database.fromTransaction(session -> session.createNamedMutationQuery(JobClaim.RELEASE_HELD_BY)
                .setParameter("node", "node-b").executeUpdate());
        assertThat(released).isZero();
        assertThat(claimedBy()).isEqualTo("node-a");
        database.inTransaction(session -> session.createNamedMutationQuery(JobClaim.RELEASE_HELD_BY)
                .setParameter("node", "node-a").executeUpdate());
        assertThat(claimedBy()).isNull();
    }

    /** One server's claim, in a transaction of its own; the rows it changed. */
    private int claim(Instant seen, Instant next, String node, Instant until, Instant now) {
        return database.fromTransaction(session -> session.createNamedMutationQuery(JobClaim.CLAIM)
                .setParameter("next", next).setParameter("node", node).setParameter("until", until)
                .setParameter("job", "retention").setParameter("holder", JobClaim.EVERY_SERVER)
                .setParameter("seen", seen.truncatedTo(ChronoUnit.MICROS)).setParameter("now", now).executeUpdate());
    }

    private void release(String node) {
        database.inTransaction(session -> session.createNamedMutationQuery(JobClaim.RELEASE).setParameter("job", "retention")
                .setParameter("holder", JobClaim.EVERY_SERVER).setParameter("node", node).executeUpdate());
    }

    private String claimedBy() {
        return database.fromTransaction(session -> session.find(JobClaim.class,
                new JobClaim.Key("retention", JobClaim.EVERY_SERVER)).getClaimedBy());
    }

    private List<Object[]> due(Instant now) {
        return database.fromTransaction(session -> session.createNamedQuery(JobClaim.DUE, Object[].class)
                .setParameter("holders", List.of(JobClaim.EVERY_SERVER, "node-a")).setParameter("now", now).getResultList());
    }
}
