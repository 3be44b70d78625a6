package dev.vireo.health;

import dev.vireo.error.VireoException;
import dev.vireo.libvirt.LibvirtGateway;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** Ready only while the managed libvirt host answers. */
@Stateless
public class LibvirtReadiness implements ReadinessProbe {

    @EJB
    LibvirtGateway libvirt;

    @Override
    public HealthCheckResponse check() {
        String uri = libvirt.localUri();
        try {
            long version = libvirt.libvirtVersion(uri);
            return HealthCheckResponse.named("libvirt").up()
                    .withData("uri", uri)
                    .withData("version", version / 1_000_000 + "." + version / 1_000 % 1_000 + "." + version % 1_000)
                    .build();
        } catch (VireoException e) {
            return HealthCheckResponse.named("libvirt").down()
                    .withData("uri", uri)
                    .withData("reason", e.reason())
                    .build();
        }
    }
}
