package dev.vireo.health;

import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** Ready only while the managed libvirt host answers. */
@Stateless
public class LibvirtReadiness implements ReadinessProbe {

    @EJB
    HostConnections hosts;

    @Override
    public HealthCheckResponse check() {
        HostGateways host = hosts.local();
        try {
            long version = host.host().libvirtVersion();
            return HealthCheckResponse.named("libvirt").up()
                    .withData("uri", host.ref().uri())
                    .withData("version", version / 1_000_000 + "." + version / 1_000 % 1_000 + "." + version % 1_000)
                    .build();
        } catch (VireoException e) {
            return HealthCheckResponse.named("libvirt").down()
                    .withData("uri", host.ref().uri())
                    .withData("reason", e.reason())
                    .build();
        }
    }
}
