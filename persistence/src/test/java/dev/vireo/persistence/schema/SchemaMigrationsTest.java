package dev.vireo.persistence.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vireo.persistence.account.Account;
import dev.vireo.persistence.task.Task;
import dev.vireo.persistence.task.TaskStatus;

/**
 * Real H2, real Flyway, real Hibernate: the migrations make the schema the entities expect, and a
 * database made by the previous release (hbm2ddl=update, no migration history) is adopted with its
 * data.
 */
class SchemaMigrationsTest {

    /** Packages of entities that migrations after the baseline added: the release before migrations had none of them. */
    private static final Set<String> SINCE_BASELINE = Set.of("dev.vireo.persistence.job", "dev.vireo.persistence.vmpool",
            "dev.vireo.persistence.cluster", "dev.vireo.persistence.address", "dev.vireo.persistence.node",
            "dev.vireo.persistence.image", "dev.vireo.persistence.lock", "dev.vireo.persistence.vm");
    /** Columns that migrations after the baseline added to entities the release before migrations had. */
    private static final List<String> COLUMNS_SINCE_BASELINE = List.of("compute_pool.address_pool", "task.node",
            "batch.node", "volume_upload.node");

    private final JdbcDataSource dataSource = h2InMemory();
    private StandardServiceRegistry registry;

    @AfterEach
    void dropDatabase() throws SQLException {
        if (registry != null) {
            StandardServiceRegistryBuilder.destroy(registry);
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop all objects");
        }
    }

    @Test
    void anEmptyDatabaseIsMigratedToWhatTheEntitiesExpect() throws SQLException {
        try (SessionFactory factory = startValidating()) {
            factory.inTransaction(session -> session.persist(new Account("alice", "hash", Instant.now())));
            String name = factory.fromSession(session -> session.createNamedQuery(Account.BY_NAME, Account.class)
                    .setParameter("name", "alice").getSingleResult().getName());
            assertThat(name).isEqualTo("alice");
        }
        assertThat(history()).containsExactly("1 SQL baseline", "2 SQL enum columns as varchar", "3 SQL scheduled jobs",
                "4 SQL vm pools", "5 SQL vm clusters", "6 SQL address pools", "7 SQL images",
                "10 SQL server nodes", "11 SQL ondemand requests", "13 SQL operation locks",
                "14 SQL cluster snapshot sets", "15 SQL host listeners", "16 SQL image copies",
                "17 SQL console tickets");
    }

    @Test
    void aDatabaseOfThePreviousReleaseIsAdoptedWithItsData() throws SQLException {
        createSchemaAsThePreviousReleaseDid();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into account (id, version, name, password_hash, created)"
                    + " values (1, 0, 'bob', 'hash-of-bob', timestamp with time zone '2026-01-02 03:04:05+00')");
            s.executeUpdate("insert into task (id, version, operation, status, progress, created, updated, target_uri)"
                    + " values (7, 0, 'vm.start', 'RUNNING', 40, current_timestamp, current_timestamp, 'vm:web1')");
        }

        try (SessionFactory factory = startValidating()) {
            Account bob = factory.fromSession(session -> session.createNamedQuery(Account.BY_NAME, Account.class)
                    .setParameter("name", "bob").getSingleResult());
            assertThat(bob.getId()).isEqualTo(1L);
            assertThat(bob.getCreated()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
            Task task = factory.fromSession(session -> session.find(Task.class, 7L));
            assertThat(task.getStatus()).isEqualTo(TaskStatus.RUNNING);
            assertThat(task.getTargetUri()).isEqualTo("vm:web1");
            assertThat(task.getProgress()).isEqualTo(40);
        }
        assertThat(history()).startsWith("1 BASELINE adopted: made by hbm2ddl=update", "2 SQL enum columns as varchar");
    }

    @Test
    void aMigratedDatabaseIsLeftAsItIsOnTheNextStart() throws SQLException {
        startValidating().close();
        StandardServiceRegistryBuilder.destroy(registry);
        List<String> migrated = history();
        assertThat(SchemaMigrations.migrate(dataSource).migrationsExecuted).isZero();
        assertThat(history()).isEqualTo(migrated).startsWith("1 SQL baseline");
    }

    /** What releases before migrations did at every start: hibernate.hbm2ddl.auto=update. */
    private void createSchemaAsThePreviousReleaseDid() {
        Map<String, Object> settings = Map.of("hibernate.hbm2ddl.auto", "update", "hibernate.hbm2ddl.halt_on_error", true);
        StandardServiceRegistry update = registry(settings);
        try {
            // hbm2ddl without a session factory, so without the migrations' integrator
            SchemaManagementToolCoordinator.process(ValidatingHibernate.metadata(update, SINCE_BASELINE),
                    update, settings, action -> { });
        } finally {
            StandardServiceRegistryBuilder.destroy(update);
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String column : COLUMNS_SINCE_BASELINE) {
                String[] tableAndColumn = column.split("\\.");
                s.execute("alter table " + tableAndColumn[0] + " drop column " + tableAndColumn[1]);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(tableCount()).isGreaterThan(10);
    }

    private SessionFactory startValidating() {
        registry = ValidatingHibernate.validating(dataSource);
        return ValidatingHibernate.start(registry);
    }

    private StandardServiceRegistry registry(Map<String, Object> extra) {
        return ValidatingHibernate.registry(dataSource, extra);
    }

    private List<String> history() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select \"version\", \"type\", \"description\", \"success\""
                     + " from \"flyway_schema_history\" where \"version\" is not null order by \"installed_rank\"")) {
            List<String> history = new java.util.ArrayList<>();
            while (rows.next()) {
                assertThat(rows.getBoolean("success")).isTrue();
                history.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
            }
            return history;
        }
    }

    private int tableCount() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select count(*) from information_schema.tables where table_schema = 'PUBLIC'")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JdbcDataSource h2InMemory() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("sa");
        return h2;
    }
}
