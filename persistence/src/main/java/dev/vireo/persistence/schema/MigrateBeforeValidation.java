package dev.vireo.persistence.schema;

import java.util.logging.Logger;

import javax.sql.DataSource;

import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Runs the schema migrations while Hibernate builds the persistence unit: integrators run before
 * Hibernate's schema management (hbm2ddl=validate), so the schema is current when it is checked and
 * before anything uses it, on the persistence unit's own datasource. Registered through
 * {@code META-INF/services/org.hibernate.integrator.spi.Integrator}.
 */
public class MigrateBeforeValidation implements Integrator {

    private static final Logger LOG = Logger.getLogger(MigrateBeforeValidation.class.getName());

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
                          SessionFactoryImplementor sessionFactory) {
        ConnectionProvider connections = sessionFactory.getServiceRegistry().requireService(ConnectionProvider.class);
        if (!connections.isUnwrappableAs(DataSource.class)) {
            throw new IllegalStateException("schema migrations need the persistence unit on a DataSource, not "
                    + connections.getClass().getName());
        }
        MigrateResult result = SchemaMigrations.migrate(connections.unwrap(DataSource.class));
        String before = result.initialSchemaVersion == null ? "an empty schema" : "version " + result.initialSchemaVersion;
        LOG.info(() -> result.migrationsExecuted == 0
                ? "database schema at " + before + ", up to date"
                : "database schema migrated from " + before + " to version " + result.targetSchemaVersion
                        + " (" + result.migrationsExecuted + " migration(s))");
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // nothing to undo: the schema stays migrated
    }
}
