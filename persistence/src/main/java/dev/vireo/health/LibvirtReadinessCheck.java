package dev.vireo.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the managed libvirt host answers (the check itself lives in the ejb module). */
@Readiness
@ApplicationScoped
public class LibvirtReadinessCheck implements HealthCheck {

    @EJB(lookup = "java:app/vireo-ejb/LibvirtReadiness!dev.vireo.health.ReadinessProbe")
    ReadinessProbe probe;

    @Override
    public HealthCheckResponse call() {
        return probe.check();
    }
}
