package dev.vireo.persistence.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

import dev.vireo.persistence.account.AccessKey;
import dev.vireo.persistence.account.Account;
import dev.vireo.persistence.task.Task;
import dev.vireo.persistence.task.TaskStatus;
import dev.vireo.persistence.testing.PostgresCluster;

/**
 * The upgrade a user makes: a database as the previous release (0.1, schema version 1) left it,
 * with rows in every table, is upgraded to the current schema by the same migrations the server
 * runs at start; every row is still there, unchanged, Hibernate validates the result and reads and
 * writes it. On H2 (the database 0.1 ran on: its schema without a migration history, adopted) and on
 * a private PostgreSQL cluster (a database that the first migrating release made: history at version 1).
 */
class SchemaUpgradeTest {

    private static final String ROWS_OF_RELEASE_0_1 = "/schema/release-0.1-rows.sql";

    private static PostgresCluster postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresCluster.start(Path.of(System.getProperty("basedir", "."), "target", "postgresql-schema-test"),
                freePort());
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    /** A database of each kind, empty, and how release 0.1's schema came to be in it. */
    record Database(String name, DataSource dataSource, Consumer<DataSource> makeReleaseSchema) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Database> databases() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("sa");
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(postgres.createDatabase("upgrade_" + UUID.randomUUID().toString().replace("-", "")));
        pg.setUser(PostgresCluster.USER);
        pg.setPassword(PostgresCluster.PASSWORD);
        return Stream.of(
                // release 0.1 made its schema with hbm2ddl: version 1, and no migration history
                new Database("H2", h2, ds -> execute(ds, "runscript from 'classpath:/db/baseline/h2/V1__baseline.sql'")),
                new Database("PostgreSQL", pg, ds -> SchemaMigrations.configuration(ds).target("1").load().migrate()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDatabaseOfThePreviousReleaseIsUpgradedWithEveryRowIntact(Database database) throws SQLException {
        DataSource dataSource = database.dataSource();
        database.makeReleaseSchema().accept(dataSource);
        insertRowsOfRelease01(dataSource);
        Map<String, List<String>> before = rowsOfEveryTable(dataSource, null);
        assertThat(before).as("every table of version 1 has rows in " + ROWS_OF_RELEASE_0_1)
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isNotEmpty());

        MigrateResult upgrade = SchemaMigrations.migrate(dataSource);

        assertThat(upgrade.initialSchemaVersion).isEqualTo("1");
        assertThat(upgrade.migrationsExecuted).isPositive();
        assertThat(rowsOfEveryTable(dataSource, before)).isEqualTo(before);
        StandardServiceRegistry registry = ValidatingHibernate.validating(dataSource);
        try (SessionFactory hibernate = ValidatingHibernate.start(registry)) {
            assertThat(upgrade.targetSchemaVersion).as("the migrations ran before Hibernate validated").isNotNull();
            Account alice = hibernate.fromSession(s -> s.createNamedQuery(Account.BY_NAME, Account.class)
                    .setParameter("name", "alice").getSingleResult());
            assertThat(alice.getNick()).isEqualTo("Alice");
            assertThat(alice.getCreated()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
            AccessKey token = hibernate.fromSession(s -> s.find(AccessKey.class, "k-token"));
            assertThat(token.getKind()).isEqualTo(AccessKey.Kind.TOKEN);
            Task running = hibernate.fromSession(s -> s.find(Task.class, 7L));
            assertThat(running.getStatus()).isEqualTo(TaskStatus.RUNNING);
            assertThat(running.getProgress()).isEqualTo(40);

            hibernate.inTransaction(s -> s.find(Task.class, 7L).fail("restarted", Instant.now()));
            Task failed = hibernate.fromSession(s -> s.find(Task.class, 7L));
            assertThat(failed.getStatus()).isEqualTo(TaskStatus.FAILED);
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    private static void insertRowsOfRelease01(DataSource dataSource) {
        try (InputStream in = SchemaUpgradeTest.class.getResourceAsStream(ROWS_OF_RELEASE_0_1)) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            for (String statement : script.split(";\\s*\\n")) {
                if (!statement.isBlank()) {
                    execute(dataSource, statement);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every row of every table (but the migration history) as text, sorted; with {@code columnsOf},
     * only the tables and columns it has, so that what later migrations add is left out.
     */
    private static Map<String, List<String>> rowsOfEveryTable(DataSource dataSource, Map<String, List<String>> columnsOf)
            throws SQLException {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet found = meta.getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
                while (found.next()) {
                    String table = found.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!table.equals("flyway_schema_history") && (columnsOf == null || columnsOf.containsKey(table))) {
                        tables.add(table);
                    }
                }
            }
            for (String table : tables) {
                List<String> columns = columnsOf == null ? columnsOf(c, table) : columnNames(columnsOf.get(table));
                List<String> texts = new ArrayList<>();
                texts.add("columns " + String.join(",", columns));
                try (Statement s = c.createStatement();
                     ResultSet result = s.executeQuery("select " + String.join(", ", columns) + " from " + table)) {
                    List<String> values = new ArrayList<>();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder();
                        for (String column : columns) {
                            row.append(column).append('=').append(result.getString(column)).append(';');
                        }
                        values.add(row.toString());
                    }
                    values.sort(null);
                    texts.addAll(values);
                }
                rows.put(table, texts.size() > 1 ? texts : List.of());
            }
        }
        return rows;
    }

    private static List<String> columnsOf(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet none = s.executeQuery("select * from " + table + " where 1 = 0")) {
            for (int i = 1; i <= none.getMetaData().getColumnCount(); i++) {
                columns.add(none.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        columns.sort(null);
        return columns;
    }

    private static List<String> columnNames(List<String> texts) {
        return texts.isEmpty() ? List.of() : List.of(texts.get(0).substring("columns ".length()).split(","));
    }

    private static void execute(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
