package dev.vireo.persistence.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.persistence.testing.MigratedH2;
import java.sql.SQLException;
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
 * Spending web console tickets: real H2, the real migration, Hibernate running the entity's own
 * queries, as each server does. A ticket is issued at T0 to admin for adm1, valid 30 s.
 */
class ConsoleTicketTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final String SECRET = "Jq3lJ7v1o0Yk2m9QvB0t8w2cZrX5fN1aHsE4uD6pL7g";

    private MigratedH2 h2;
    private SessionFactory database;

    @BeforeEach
    void migrate() {
        h2 = MigratedH2.start(ConsoleTicket.class);
        database = h2.database();
        database.inTransaction(session -> session.persist(new ConsoleTicket(SECRET, "adm1", "admin", T0.plusSeconds(30))));
    }

    @AfterEach
    void drop() throws SQLException {
        h2.close();
    }

    @Test
    void onlyTheSecretsHashIsStored() {
        ConsoleTicket row = database.fromSession(session -> session.find(ConsoleTicket.class, ConsoleTicket.hash(SECRET)));
        assertThat(row.getSecretHash()).hasSize(64).matches("[0-9a-f]+").doesNotContain(SECRET);
        assertThat(row.getVm()).isEqualTo("adm1");
        assertThat(row.getAccount()).isEqualTo("admin");
        assertThat(row.getValidTo()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aTicketOpensItsVmOnceForTheAccountItWasIssuedTo() {
        assertThat(redeem("adm1", SECRET, "admin", T0.plusSeconds(1))).isEqualTo(1);
        assertThat(redeem("adm1", SECRET, "admin", T0.plusSeconds(2))).as("spent").isZero();
        assertThat(rows()).isZero();
    }

    @Test
    void anotherAccountOrVmNeitherUsesNorSpendsIt() {
        assertThat(redeem("adm1", SECRET, "auditor", T0)).isZero();
        assertThat(redeem("usr1", SECRET, "admin", T0)).isZero();
        assertThat(redeem("adm1", "guess", "admin", T0)).isZero();
        assertThat(rows()).isEqualTo(1);
        assertThat(redeem("adm1", SECRET, "admin", T0)).as("still the admin's").isEqualTo(1);
    }

    @Test
    void anExpiredTicketOpensNothingAndIsRemovedByTheNextIssue() {
        assertThat(redeem("adm1", SECRET, "admin", T0.plusSeconds(30))).as("expired").isZero();
        assertThat(removeExpired(T0.plusSeconds(29))).as("still valid at 29 s").isZero();
        assertThat(removeExpired(T0.plusSeconds(30))).isEqualTo(1);
        assertThat(rows()).isZero();
    }

    @Test
    void ofServersRedeemingTheSameTicketAtOnceOnlyOneOpensTheConsole() throws Exception {
        int servers = 8;
        CyclicBarrier together = new CyclicBarrier(servers);
        ExecutorService pool = Executors.newFixedThreadPool(servers);
        try {
            List<Future<Integer>> spent = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                Callable<Integer> server = () -> {
                    together.await();
                    return redeem("adm1", SECRET, "admin", T0.plusSeconds(1));
                };
                spent.add(pool.submit(server));
            }
            int opened = 0;
            for (Future<Integer> one : spent) {
                opened += one.get();
            }
            assertThat(opened).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private int redeem(String vm, String secret, String account, Instant now) {
        return database.fromTransaction(session -> session.createNamedMutationQuery(ConsoleTicket.REDEEM)
                .setParameter("hash", ConsoleTicket.hash(secret)).setParameter("vm", vm).setParameter("account", account)
                .setParameter("now", now).executeUpdate());
    }

    private int removeExpired(Instant now) {
        return database.fromTransaction(session -> session.createNamedMutationQuery(ConsoleTicket.REMOVE_EXPIRED)
                .setParameter("now", now).executeUpdate());
    }

    private long rows() {
        return database.fromSession(session -> session.createQuery("select count(t) from ConsoleTicket t", Long.class)
                .getSingleResult());
    }
}
