package dev.vireo.persistence.schema;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;

import dev.vireo.persistence.account.Account;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;

/**
 * Hibernate on a test's datasource with every mapped class of the persistence module, as the
 * application boots it: the migrations run first (the integrator), then Hibernate validates.
 */
final class ValidatingHibernate {

    private ValidatingHibernate() {
    }

    /** The settings of persistence.xml that shape the schema Hibernate expects. */
    static StandardServiceRegistry registry(DataSource dataSource, Map<String, Object> extra) {
        return new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.datasource", dataSource)
                .applySetting("hibernate.jdbc.time_zone", "UTC")
                .applySettings(extra)
                .build();
    }

    /** A session factory as persistence.xml makes it (validate, enums as varchar); close it and destroy the registry. */
    static StandardServiceRegistry validating(DataSource dataSource) {
        return registry(dataSource, Map.of("hibernate.hbm2ddl.auto", "validate",
                "hibernate.type.prefer_native_enum_types", false));
    }

    static SessionFactory start(StandardServiceRegistry registry) {
        return metadata(registry).buildSessionFactory();
    }

    static Metadata metadata(StandardServiceRegistry registry) {
        return metadata(registry, Set.of());
    }

    /** The mapped classes but those of the packages {@code leftOut} (entities a previous release had not). */
    static Metadata metadata(StandardServiceRegistry registry, Set<String> leftOut) {
        MetadataSources sources = new MetadataSources(registry);
        mappedClasses().stream().filter(c -> !leftOut.contains(c.getPackageName())).forEach(sources::addAnnotatedClass);
        return sources.buildMetadata();
    }

    /** Every entity and embeddable of the persistence module, so that a new one cannot be forgotten here. */
    private static List<Class<?>> mappedClasses() {
        try {
            Path classes = Path.of(Account.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<Path> files = Files.walk(classes)) {
                return files.filter(f -> f.toString().endsWith(".class"))
                        .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                        .filter(name -> name.startsWith("dev.vireo.persistence."))
                        .<Class<?>>map(ValidatingHibernate::load)
                        .filter(c -> c.isAnnotationPresent(Entity.class) || c.isAnnotationPresent(Embeddable.class))
                        .toList();
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
}
