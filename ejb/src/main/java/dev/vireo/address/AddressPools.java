package dev.vireo.address;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.address.AddressAllocation;
import dev.vireo.persistence.address.AddressPool;
import dev.vireo.persistence.address.AddressRange;
import dev.vireo.validation.ResourceName;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

/** Finding address pools, their ranges and allocations. */
public final class AddressPools {

    static final String KIND = "address pool";

    private AddressPools() {
    }

    static Optional<AddressPool> byName(EntityManager em, String name) {
        return em.createNamedQuery(AddressPool.BY_NAME, AddressPool.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    /** The pool named, for another area that names one (a compute pool); a 404 when there is none. */
    public static AddressPool require(EntityManager em, String name) {
        return find(em, name);
    }

    static AddressPool find(EntityManager em, String name) {
        return (ResourceName.isValid(name) ? byName(em, name) : Optional.<AddressPool>empty())
                .orElseThrow(() -> new VireoException(ErrorCode.ADDRESS_POOL_NOT_FOUND, name));
    }

    /**
     * The pool read under a row lock held to the end of the transaction: whatever gives out,
     * takes back or removes its addresses and ranges takes it first, so two never interleave.
     */
    static AddressPool lockRow(EntityManager em, String name) {
        if (!ResourceName.isValid(name)) {
            throw new VireoException(ErrorCode.ADDRESS_POOL_NOT_FOUND, name);
        }
        return em.createNamedQuery(AddressPool.BY_NAME, AddressPool.class).setParameter("name", name)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.ADDRESS_POOL_NOT_FOUND, name));
    }

    static List<AddressAllocation> allocations(EntityManager em, AddressPool pool) {
        return em.createNamedQuery(AddressAllocation.OF_POOL, AddressAllocation.class).setParameter("pool", pool)
                .getResultList();
    }

    static AddressRange range(AddressPool pool, String kind, String start) {
        return pool.getRanges().stream()
                .filter(range -> range.getKind().equals(kind) && range.getStart().equals(start)).findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.RANGE_NOT_FOUND, pool.getName(), kind, start));
    }

    /** The names of the compute pools whose guests get their addresses from pool {@code name}. */
    static List<String> computePoolsNaming(EntityManager em, String name) {
        return em.createQuery("select p.name from ComputePool p where p.addressPool = :name order by p.name", String.class)
                .setParameter("name", name).getResultList();
    }
}
