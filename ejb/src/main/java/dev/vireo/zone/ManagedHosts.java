package dev.vireo.zone;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostRef;
import dev.vireo.persistence.zone.ManagedHost;
import dev.vireo.validation.ResourceName;
import jakarta.persistence.EntityManager;
import java.util.Optional;

/** Finding managed hosts by name. */
final class ManagedHosts {

    static final String KIND = "host";

    private ManagedHosts() {
    }

    static Optional<ManagedHost> byName(EntityManager em, String name) {
        return em.createNamedQuery(ManagedHost.BY_NAME, ManagedHost.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    /** The host as its connection knows it. */
    static HostRef ref(ManagedHost host) {
        return new HostRef(host.getName(), host.getUri());
    }

    static ManagedHost find(EntityManager em, String name) {
        return (ResourceName.isValid(name) ? byName(em, name) : Optional.<ManagedHost>empty())
                .orElseThrow(() -> new VireoException(ErrorCode.MANAGED_HOST_NOT_FOUND, name));
    }
}
