package dev.vireo.persistence.testing;

import dev.vireo.persistence.schema.SchemaMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;

/**
 * A database for a test of entities' own queries: a fresh in-memory H2 that the real migrations
 * made, and Hibernate validating it with just the entities the test names. Closing it drops everything.
 */
public final class MigratedH2 implements AutoCloseable {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final StandardServiceRegistry registry;
    private final SessionFactory database;

    private MigratedH2(Class<?>... entities) {
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        dataSource.setUser("sa");
        dataSource.setPassword("sa");
        SchemaMigrations.migrate(dataSource);
        registry = new StandardServiceRegistryBuilder().applySetting("hibernate.connection.datasource", dataSource)
                .applySetting("hibernate.jdbc.time_zone", "UTC").applySetting("hibernate.hbm2ddl.auto", "validate").build();
        MetadataSources sources = new MetadataSources(registry);
        for (Class<?> entity : entities) {
            sources.addAnnotatedClass(entity);
        }
        database = sources.buildMetadata().buildSessionFactory();
    }

    /** A migrated database with Hibernate for {@code entities}. */
    public static MigratedH2 start(Class<?>... entities) {
        return new MigratedH2(entities);
    }

    public SessionFactory database() {
        return database;
    }

    @Override
    public void close() throws SQLException {
        database.close();
        StandardServiceRegistryBuilder.destroy(registry);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop all objects");
        }
    }
}
