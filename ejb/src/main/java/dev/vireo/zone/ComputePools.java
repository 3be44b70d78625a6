package dev.vireo.zone;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.zone.ComputePool;
import dev.vireo.validation.ResourceName;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.Set;

/** Finding compute pools by name, and the rules for their attributes. */
final class ComputePools {

    static final String KIND = "compute pool";
    static final Set<String> NETWORK_MODES = Set.of("plain", "share", "mono");

    private ComputePools() {
    }

    static Optional<ComputePool> byName(EntityManager em, String name) {
        return em.createNamedQuery(ComputePool.BY_NAME, ComputePool.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    static ComputePool find(EntityManager em, String name) {
        return (ResourceName.isValid(name) ? byName(em, name) : Optional.<ComputePool>empty())
                .orElseThrow(() -> new VireoException(ErrorCode.COMPUTE_POOL_NOT_FOUND, name));
    }

    static String requireNetworkMode(String mode) {
        if (!NETWORK_MODES.contains(mode)) {
            throw new VireoException(ErrorCode.INVALID_NETWORK_MODE, mode);
        }
        return mode;
    }
}
