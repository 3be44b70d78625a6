package dev.vireo.zone;

import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.HostRef;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one rule for which host a request works on: the host it names ({@code ?host=cell-2}), 404
 * when no host has that name; else the default host, so that a request naming none behaves as on a
 * single-host install.
 */
@ApplicationScoped
// a plain CDI bean, not an EJB: it runs inside the service that asks
public class RequestHost {

    @EJB
    HostConnections connections;

    @EJB
    ZoneHosts zone;

    @Inject
    NamedHost namedHost;

    /** The host the request names, if it names one (404 for a host not registered). */
    public Optional<HostGateways> named() {
        String name;
        try {
            name = namedHost.name();
        } catch (ContextNotActiveException e) {
            // a task or a timer: no request, no host named
            return Optional.empty();
        }
        return name == null ? Optional.empty() : Optional.of(zone.gateways(zone.require(name)));
    }

    /** The names of the hosts a request may name, the default host first. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(HostRef.DEFAULT);
        zone.all().stream().map(ZoneHost::name).filter(name -> !HostRef.DEFAULT.equals(name)).forEach(names::add);
        return names;
    }

    /** The host the request names, else the default host. */
    public HostGateways current() {
        return named().orElseGet(connections::local);
    }
}
