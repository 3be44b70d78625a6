package dev.vireo.address;

import dev.vireo.error.ErrorCode;
import dev.vireo.libvirt.DhcpHost;
import dev.vireo.libvirt.DomainNic;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.address.AddressAllocation;
import dev.vireo.persistence.address.AddressPool;
import dev.vireo.persistence.address.AddressRange;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.PersistenceContext;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Gives addresses of a pool's internal ranges out and takes them back, each in a transaction of its
 * own that holds the pool's row lock ({@link AddressPools#lockRow}) from reading what is taken to
 * committing what it took, so two allocations never get the same address; the unique (pool,
 * address) of the table is the guard behind that. Callers authorize; this bean checks no permission.
 */
@Stateless
@PermitAll
public class AddressAllocator {

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** How often an allocation that lost a race (a lock wait timed out, the address was taken at commit) is tried. */
    static final int ATTEMPTS = 5;

    /**
     * {@code allocation} (a call of this bean, so a transaction of its own) tried again when it lost a
     * race with another; Vireo's own refusals (a full pool, a taken address) are final.
     */
    static <T> T retryingLostRaces(Supplier<T> allocation) {
        for (int attempt = 1; ; attempt++) {
            try {
                return allocation.get();
            } catch (EJBException e) {
                if (attempt >= ATTEMPTS || !lostRace(e)) {
                    throw e;
                }
            }
        }
    }

    /** Whether the database refused for a concurrent writer: integrity (23…), rollback (40…), lock timeouts. */
    private static boolean lostRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PessimisticLockException || cause instanceof LockTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("23") || sql.getSQLState().startsWith("40")
                    || sql.getSQLState().equals("HYT00") || sql.getSQLState().equals("55P03"))) {
                return true;
            }
        }
        return false;
    }

    static String requireMac(String mac) {
        String lower = mac.toLowerCase(Locale.ROOT);
        if (!MAC.matcher(lower).matches()) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "mac", mac);
        }
        return lower;
    }

    /**
     * Takes {@code wanted} (or, null, the first free address of the internal ranges) for {@code instance}
     * and commits it at once.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AllocationView take(String poolName, String wanted, String instance, String mac, String host, String network) {
        AddressPool pool = AddressPools.lockRow(em, poolName);
        long number = wanted == null ? firstFree(pool, instance) : free(pool, wanted);
        AddressAllocation allocation = new AddressAllocation(pool, Ipv4.text(number), number, instance, mac, host, network,
                clock.instant());
        em.persist(allocation);
        em.flush();
        return AllocationView.of(allocation);
    }

    /**
     * Takes the first free address for a guest's NIC and writes it into the host's network as a DHCP
     * host entry, in one transaction: when libvirt refuses the entry, the allocation is rolled back
     * with it, and nothing stays allocated.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AllocationView takeForNic(String poolName, String vm, HostGateways host, DomainNic nic) {
        AllocationView taken = take(poolName, null, vm, nic.mac().toLowerCase(Locale.ROOT), host.ref().name(),
                nic.network());
        if (!host.networks().addDhcpHost(nic.network(), new DhcpHost(taken.mac(), taken.address(), vm))) {
            throw new VireoException(ErrorCode.NETWORK_NOT_FOUND, nic.network());
        }
        return taken;
    }

    /** The allocations of a guest, in address order. */
    public List<AddressAllocation> heldBy(String instance) {
        return em.createNamedQuery(AddressAllocation.OF_INSTANCE, AddressAllocation.class)
                .setParameter("instance", instance).getResultList();
    }

    /** The allocations of a guest follow it to its new name (its DHCP host entries keep their MACs). */
    public void renameHolder(String oldName, String newName) {
        em.createQuery("update AddressAllocation a set a.instance = :newName where a.instance = :oldName")
                .setParameter("newName", newName).setParameter("oldName", oldName).executeUpdate();
    }

    /** Forgets one allocation (its DHCP host entry is the caller's), under its pool's row lock. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void forget(long allocationId) {
        AddressAllocation allocation = em.find(AddressAllocation.class, allocationId);
        if (allocation != null) {
            AddressPools.lockRow(em, allocation.getPool().getName());
            em.remove(allocation);
        }
    }

    /** Gives back an address reserved by hand; a 404 when it is not allocated. */
    public void releaseReserved(String poolName, String address) {
        AddressPool pool = AddressPools.lockRow(em, poolName);
        long number = Ipv4.parse("address", address);
        AddressAllocation allocation = AddressPools.allocations(em, pool).stream()
                .filter(a -> a.getNumber() == number).findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.ADDRESS_NOT_ALLOCATED, address, poolName));
        if (allocation.getNetwork() != null) {
            // a guest's address goes back with the guest, with its DHCP host entry
            throw new VireoException(ErrorCode.ADDRESS_TAKEN, address, poolName, "guest " + allocation.getInstance());
        }
        em.remove(allocation);
    }

    private long firstFree(AddressPool pool, String instance) {
        Set<Long> taken = new HashSet<>(em.createQuery(
                "select a.number from AddressAllocation a where a.pool = :pool", Long.class)
                .setParameter("pool", pool).getResultList());
        for (AddressRange range : internal(pool)) {
            for (long number = range.getFirstNumber(); number <= range.getLastNumber(); number++) {
                if (!taken.contains(number)) {
                    return number;
                }
            }
        }
        throw new VireoException(ErrorCode.ADDRESS_POOL_EXHAUSTED, pool.getName(), instance);
    }

    private long free(AddressPool pool, String wanted) {
        long number = Ipv4.parse("address", wanted);
        if (internal(pool).stream().noneMatch(range -> range.holds(number))) {
            throw new VireoException(ErrorCode.ADDRESS_OUTSIDE_RANGES, wanted, pool.getName());
        }
        AddressPools.allocations(em, pool).stream().filter(a -> a.getNumber() == number).findFirst()
                .ifPresent(holder -> {
                    throw new VireoException(ErrorCode.ADDRESS_TAKEN, wanted, pool.getName(), holder.getInstance());
                });
        return number;
    }

    private static List<AddressRange> internal(AddressPool pool) {
        return pool.getRanges().stream().filter(range -> range.getKind().equals(AddressRange.INTERNAL)).toList();
    }
}
