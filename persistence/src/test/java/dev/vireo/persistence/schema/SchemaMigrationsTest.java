package dev.vireo.persistence.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vireo.persistence.account.Account;
import dev.vireo.persistence.task.Task;
import dev.vireo.persistence.task.TaskStatus;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;

/**
 * Real H2, real Flyway, real Hibernate: the migrations make the schema the entities expect, and a
 * database made by the previous release (hbm2ddl=update, no migration history) is adopted with its
 * data.
 */
class SchemaMigrationsTest {

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
        assertThat(history()).containsExactly("1 SQL baseline", "4 SQL vm pools");
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
        assertThat(history()).containsExactly("1 BASELINE adopted: made by hbm2ddl=update", "4 SQL vm pools");
    }

    @Test
    void aMigratedDatabaseIsLeftAsItIsOnTheNextStart() throws SQLException {
        startValidating().close();
        StandardServiceRegistryBuilder.destroy(registry);
        assertThat(SchemaMigrations.migrate(dataSource).migrationsExecuted).isZero();
        assertThat(history()).containsExactly("1 SQL baseline", "4 SQL vm pools");
    }

    /** What releases before migrations did at every start: hibernate.hbm2ddl.auto=update. */
    private void createSchemaAsThePreviousReleaseDid() {
        Map<String, Object> settings = Map.of("hibernate.hbm2ddl.auto", "update", "hibernate.hbm2ddl.halt_on_error", true);
        StandardServiceRegistry update = registry(settings);
        try {
            // hbm2ddl without a session factory, so without the migrations' integrator
            SchemaManagementToolCoordinator.process(metadata(update, BEFORE_MIGRATIONS), update, settings, action -> { });
        } finally {
            StandardServiceRegistryBuilder.destroy(update);
        }
        assertThat(tableCount()).isGreaterThan(10);
    }

    private SessionFactory startValidating() {
        registry = registry(Map.of("hibernate.hbm2ddl.auto", "validate"));
        return metadata(registry).buildSessionFactory();
    }

    private StandardServiceRegistry registry(Map<String, Object> extra) {
        return new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.datasource", dataSource)
                .applySetting("hibernate.jdbc.time_zone", "UTC")
                .applySettings(extra)
                .build();
    }

    /** The entities the releases before migrations had: not those of packages that came with a migration of their own. */
    private static final java.util.function.Predicate<Class<?>> BEFORE_MIGRATIONS =
            c -> !c.getPackageName().equals("dev.vireo.persistence.vmpool");

    private static Metadata metadata(StandardServiceRegistry registry) {
        return metadata(registry, c -> true);
    }

    private static Metadata metadata(StandardServiceRegistry registry, java.util.function.Predicate<Class<?>> which) {
        MetadataSources sources = new MetadataSources(registry);
        mappedClasses().stream().filter(which).forEach(sources::addAnnotatedClass);
        return sources.buildMetadata();
    }

    /** Every entity and embeddable of the persistence module, so that a new one cannot be forgotten here. */
    private static List<Class<?>> mappedClasses() {
        try {
            Path classes = Path.of(Account.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<Path> files = Files.walk(classes)) {
                List<Class<?>> mapped = files.filter(f -> f.toString().endsWith(".class"))
                        .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                        .filter(name -> name.startsWith("dev.vireo.persistence."))
                        .<Class<?>>map(SchemaMigrationsTest::load)
                        .filter(c -> c.isAnnotationPresent(Entity.class) || c.isAnnotationPresent(Embeddable.class))
                        .toList();
                assertThat(mapped).contains(Account.class, Task.class);
                return mapped;
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
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
