package dev.vireo.health;

import jakarta.ejb.Local;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A readiness check implemented by a service module. WildFly's MicroProfile Health finds
 * {@code @Readiness} beans only in the EAR's top level (its {@code lib/}), where the service
 * modules' beans are out of sight; the checks here reach those services through this view.
 */
@Local
public interface ReadinessProbe {
    HealthCheckResponse check();
}
