package dev.vireo.persistence.schema;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades Vireo's schema with the versioned migrations in {@code db/migration}
 * ({@code V1__baseline.sql}, then one {@code V<n>__<what>.sql} per change; never edit a released
 * one). Hibernate only validates the result.
 */
public final class SchemaMigrations {

    static final String LOCATION = "classpath:db/migration";

    /**
     * The version of the schema that the releases before migrations made with hbm2ddl=update: such
     * a database (tables, no history) is adopted as this version, keeping its data, and upgraded
     * from there.
     */
    static final String ADOPTED_VERSION = "1";

    private SchemaMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .baselineOnMigrate(true)
                .baselineVersion(ADOPTED_VERSION)
                .baselineDescription("adopted: made by hbm2ddl=update")
                .load()
                .migrate();
    }
}
