package dev.vireo.address;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.persistence.address.AddressAllocation;
import dev.vireo.persistence.address.AddressPool;
import dev.vireo.persistence.address.AddressRange;
import dev.vireo.security.Permission;
import dev.vireo.validation.ResourceName;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Address pools ({@code /api/addresspools}, Nano's {@code /nano/address_pools}): pools of IPv4
 * addresses with internal ranges (guest NICs get their addresses there, see {@link AddressAllocator})
 * and external ones, their gateway and DNS servers, and who holds which address.
 */
@Stateless
@RolesAllowed(Permission.ADDRESSPOOL_READ)
public class AddressPoolService {

    public static final String ADDRESS_POOLS = "/api/addresspools/";
    static final int MAX_DNS = 8;

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    Locks locks;

    @EJB
    AddressAllocator allocator;

    private final Clock clock = Clock.systemUTC();

    public List<AddressPoolView> list() {
        Map<String, Long> allocated = em.createNamedQuery(AddressAllocation.COUNT_BY_POOL, Object[].class)
                .getResultStream().collect(Collectors.toMap(row -> (String) row[0], row -> (Long) row[1]));
        return em.createNamedQuery(AddressPool.ALL, AddressPool.class).getResultStream()
                .map(pool -> summary(pool, allocated.getOrDefault(pool.getName(), 0L))).toList();
    }

    /** The pool with its ranges and who holds which address. */
    public AddressPoolView get(String name) {
        return view(AddressPools.find(em, name));
    }

    @RolesAllowed(Permission.ADDRESSPOOL_MANAGE)
    @Audited("addresspool.create")
    public AddressPoolView create(AddressPoolRequest request) {
        if (request.name() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        String name = ResourceName.require(AddressPools.KIND, request.name());
        Ipv4.parse("gateway", request.gateway());
        List<String> dns = dns(request.dns() == null ? List.of() : request.dns());
        locks.claim(LockTarget.addressPool(name));
        if (AddressPools.byName(em, name).isPresent()) {
            throw new VireoException(ErrorCode.ADDRESS_POOL_EXISTS, name);
        }
        AddressPool pool = new AddressPool(name, request.gateway(), clock.instant());
        pool.setDns(dns);
        em.persist(pool);
        return view(pool);
    }

    /** Changes the gateway and the DNS servers the request names; the gateway may not fall in a range. */
    @RolesAllowed(Permission.ADDRESSPOOL_MANAGE)
    @Audited("addresspool.update")
    public AddressPoolView update(String name, AddressPoolRequest request) {
        locks.claim(LockTarget.addressPool(name));
        AddressPool pool = AddressPools.find(em, name);
        if (request.name() != null && !request.name().equals(pool.getName())) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "name", "an address pool keeps its name " + pool.getName());
        }
        List<String> dns = request.dns() == null ? pool.getDns() : dns(request.dns());
        if (request.gateway() != null) {
            long gateway = Ipv4.parse("gateway", request.gateway());
            for (AddressRange range : pool.getRanges()) {
                if (range.holds(gateway)) {
                    throw new VireoException(ErrorCode.INVALID_ADDRESS, "gateway", request.gateway(),
                            "it lies in the " + range.getKind() + " range " + range.getStart() + " to " + range.getEnd());
                }
            }
            pool.setGateway(request.gateway());
        }
        pool.setDns(dns);
        return view(pool);
    }

    /** Removes a pool no compute pool names and no one holds an address of. */
    @RolesAllowed(Permission.ADDRESSPOOL_MANAGE)
    @Audited("addresspool.delete")
    public void delete(String name) {
        locks.claim(LockTarget.addressPool(name));
        AddressPool pool = AddressPools.lockRow(em, name);
        List<String> computePools = AddressPools.computePoolsNaming(em, pool.getName());
        if (!computePools.isEmpty()) {
            throw new VireoException(ErrorCode.ADDRESS_POOL_IN_USE, name,
                    "compute pools " + String.join(", ", computePools) + " name it");
        }
        List<AddressAllocation> allocations = AddressPools.allocations(em, pool);
        if (!allocations.isEmpty()) {
            throw new VireoException(ErrorCode.ADDRESS_POOL_IN_USE, name, "allocated " + holders(allocations));
        }
        em.remove(pool);
    }

    /** The pool's ranges of one type ({@code internal} or {@code external}), each with its count of allocations. */
    public List<AddressRangeView> ranges(String name, String type) {
        String kind = AddressRanges.requireKind(type);
        AddressPool pool = AddressPools.find(em, name);
        List<AddressAllocation> allocations = AddressPools.allocations(em, pool);
        return pool.getRanges().stream().filter(range -> range.getKind().equals(kind))
                .map(range -> AddressRangeView.of(range, in(range, allocations), false)).toList();
    }

    /** One range and who holds which of its addresses. */
    public AddressRangeView range(String name, String type, String start) {
        AddressRange range = AddressPools.range(AddressPools.find(em, name), AddressRanges.requireKind(type), start);
        return AddressRangeView.of(range, in(range, AddressPools.allocations(em, range.getPool())), true);
    }

    @RolesAllowed(Permission.ADDRESSPOOL_MANAGE)
    @Audited(value = "addresspool.range.add", target = 2)
    public AddressRangeView addRange(String name, String type, AddressRangeRequest request) {
        String kind = AddressRanges.requireKind(type);
        locks.claim(LockTarget.addressPool(name));
        AddressPool pool = AddressPools.lockRow(em, name);
        AddressRange range = AddressRanges.check(pool, kind, request.start(), request.end(), request.netmask());
        pool.addRange(range);
        em.persist(range);
        em.flush();
        return AddressRangeView.of(range, List.of(), true);
    }

    /** Removes a range none of whose addresses is allocated (409 naming the holders otherwise). */
    @RolesAllowed(Permission.ADDRESSPOOL_MANAGE)
    @Audited(value = "addresspool.range.remove", target = 2)
    public void removeRange(String name, String type, String start) {
        String kind = AddressRanges.requireKind(type);
        locks.claim(LockTarget.addressPool(name));
        AddressPool pool = AddressPools.lockRow(em, name);
        AddressRange range = AddressPools.range(pool, kind, start);
        List<AllocationView> held = in(range, AddressPools.allocations(em, pool));
        if (!held.isEmpty()) {
            throw new VireoException(ErrorCode.RANGE_IN_USE, kind, range.getStart(), range.getEnd(), name,
                    held.stream().map(a -> a.address() + " (" + a.instance() + ")").collect(Collectors.joining(", ")));
        }
        pool.removeRange(range);
        em.remove(range);
    }

    /** Takes an address of the pool's internal ranges by hand: the one named, or the first free one. */
    @RolesAllowed(Permission.ADDRESSPOOL_MANAGE)
    @Audited("addresspool.reserve")
    public AllocationView reserve(String name, AddressReservation reservation) {
        if (reservation.instance() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "instance");
        }
        String instance = ResourceName.require("instance", reservation.instance());
        String mac = reservation.mac() == null ? null : AddressAllocator.requireMac(reservation.mac());
        return AddressAllocator.retryingLostRaces(() -> allocator.take(name, reservation.address(), instance, mac, null, null));
    }

    /** Gives an address reserved by hand back (a guest's goes back when the guest is deleted). */
    @RolesAllowed(Permission.ADDRESSPOOL_MANAGE)
    @Audited(value = "addresspool.release", target = 2)
    public void release(String name, String address) {
        allocator.releaseReserved(name, address);
    }

    private List<String> dns(List<String> servers) {
        if (servers.size() > MAX_DNS) {
            throw new VireoException(ErrorCode.TOO_MANY_DNS, MAX_DNS, servers.size());
        }
        List<String> checked = new ArrayList<>();
        for (String server : servers) {
            Ipv4.parse("dns", server);
            checked.add(server);
        }
        return checked;
    }

    private static String holders(List<AddressAllocation> allocations) {
        return allocations.stream().map(a -> a.getAddress() + " (" + a.getInstance() + ")")
                .collect(Collectors.joining(", "));
    }

    private static List<AllocationView> in(AddressRange range, List<AddressAllocation> allocations) {
        return allocations.stream().filter(a -> range.holds(a.getNumber())).map(AllocationView::of).toList();
    }

    private AddressPoolView summary(AddressPool pool, long allocated) {
        return new AddressPoolView(pool.getName(), pool.getGateway(), pool.getDns(), null, null,
                internalSize(pool), allocated, null, null, pool.getCreated());
    }

    private AddressPoolView view(AddressPool pool) {
        List<AddressAllocation> allocations = pool.getId() == null ? List.of() : AddressPools.allocations(em, pool);
        List<AddressRangeView> internal = new ArrayList<>();
        List<AddressRangeView> external = new ArrayList<>();
        for (AddressRange range : pool.getRanges()) {
            (range.getKind().equals(AddressRange.INTERNAL) ? internal : external)
                    .add(AddressRangeView.of(range, in(range, allocations), false));
        }
        return new AddressPoolView(pool.getName(), pool.getGateway(), pool.getDns(), internal, external,
                internalSize(pool), allocations.size(), allocations.stream().map(AllocationView::of).toList(),
                AddressPools.computePoolsNaming(em, pool.getName()), pool.getCreated());
    }

    private static long internalSize(AddressPool pool) {
        return pool.getRanges().stream().filter(range -> range.getKind().equals(AddressRange.INTERNAL))
                .mapToLong(AddressRange::size).sum();
    }
}
