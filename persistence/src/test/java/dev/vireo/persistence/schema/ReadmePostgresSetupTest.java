package dev.vireo.persistence.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.persistence.account.Account;
import dev.vireo.persistence.testing.PostgresCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The README's PostgreSQL steps, as written, on a cluster as an installed PostgreSQL has it (a
 * private one: superuser {@code postgres}, every connection by password): {@code createuser
 * --pwprompt vireo} and {@code createdb --owner vireo vireo} make a database in which Vireo's user,
 * no superuser, gets the whole schema from the migrations (PostgreSQL 15 lets only a database's
 * owner create tables in its {@code public} schema) and Hibernate validates, reads and writes it.
 */
class ReadmePostgresSetupTest {

    private static final String SUPERUSER_PASSWORD = "postgres-pw-7";
    private static final String VIREO_PASSWORD = "vireo-pw-from-the-prompt";

    private PostgresCluster postgres;

    @BeforeEach
    void startPostgres() {
        postgres = PostgresCluster.startWithPasswords(Path.of(System.getProperty("basedir", "."), "target",
                "postgresql-readme-test"), freePort(), "postgres", SUPERUSER_PASSWORD);
    }

    @AfterEach
    void stopPostgres() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void theReadmesStepsMakeADatabaseThatVireosOwnUserMigratesAndUses() throws SQLException {
        // the README: sudo -u postgres createuser --pwprompt vireo && sudo -u postgres createdb --owner vireo vireo
        postgres.client(VIREO_PASSWORD + "\n" + VIREO_PASSWORD + "\n", "createuser", "--pwprompt", "vireo");
        postgres.client(null, "createdb", "--owner", "vireo", "vireo");

        try (Connection superuser = postgres.connect("postgres"); Statement s = superuser.createStatement();
             ResultSet vireo = s.executeQuery("select rolsuper, rolcreatedb, rolcreaterole from pg_roles where rolname = 'vireo'")) {
            assertThat(vireo.next()).isTrue();
            assertThat(vireo.getBoolean(1) || vireo.getBoolean(2) || vireo.getBoolean(3)).as("a plain role").isFalse();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(postgres.url("vireo"), "vireo", "not-the-prompted-one").close())
                .as("the password given at the prompt is the one in force").isInstanceOf(SQLException.class);

        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.url("vireo"));
        dataSource.setUser("vireo");
        dataSource.setPassword(VIREO_PASSWORD);
        MigrateResult migrated = SchemaMigrations.migrate(dataSource);

        assertThat(migrated.initialSchemaVersion).isNull();
        MigrationInfo[] every = SchemaMigrations.configuration(dataSource).load().info().all();
        assertThat(migrated.targetSchemaVersion).isEqualTo(every[every.length - 1].getVersion().getVersion());
        StandardServiceRegistry registry = ValidatingHibernate.validating(dataSource);
        try (SessionFactory hibernate = ValidatingHibernate.start(registry)) {
            hibernate.inTransaction(session -> session.persist(new Account("alice", "hash", Instant.now())));
            String name = hibernate.fromSession(session -> session.createNamedQuery(Account.BY_NAME, Account.class)
                    .setParameter("name", "alice").getSingleResult().getName());
            assertThat(name).isEqualTo("alice");
        }
        try (Connection vireo = dataSource.getConnection(); Statement s = vireo.createStatement();
             ResultSet owner = s.executeQuery("select tableowner from pg_tables where tablename = 'account'")) {
            assertThat(owner.next()).isTrue();
            assertThat(owner.getString(1)).isEqualTo("vireo");
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
