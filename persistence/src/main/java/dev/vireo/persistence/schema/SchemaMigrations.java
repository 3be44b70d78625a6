package dev.vireo.persistence.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades Vireo's schema with the versioned migrations, one history on every
 * database: version 1 from {@code db/baseline/<database>} (the same schema in each database's
 * words), every later version from {@code db/migration} in portable SQL ({@code V<n>__<what>.sql};
 * never edit a released one). Hibernate only validates the result.
 */
public final class SchemaMigrations {

    static final String LOCATION = "classpath:db/migration";

    /** Version 1 of each database Vireo runs on, by the product name its JDBC driver reports. */
    static final Map<String, String> BASELINES = Map.of(
            "h2", "classpath:db/baseline/h2",
            "postgresql", "classpath:db/baseline/postgresql");

    /**
     * The version of the schema that the releases before migrations made with hbm2ddl=update: such
     * a database (tables, no history) is adopted as this version, keeping its data, and upgraded
     * from there.
     */
    static final String ADOPTED_VERSION = "1";

    private SchemaMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return configuration(dataSource).load().migrate();
    }

    static FluentConfiguration configuration(DataSource dataSource) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(baselineOf(dataSource), LOCATION)
                .baselineOnMigrate(true)
                .baselineVersion(ADOPTED_VERSION)
                .baselineDescription("adopted: made by hbm2ddl=update");
    }

    private static String baselineOf(DataSource dataSource) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach Vireo's database to migrate its schema: " + e.getMessage(), e);
        }
        String baseline = BASELINES.get(product.toLowerCase(Locale.ROOT));
        if (baseline == null) {
            throw new IllegalStateException("Vireo's schema migrations are written for H2 and PostgreSQL, not for "
                    + product);
        }
        return baseline;
    }
}
