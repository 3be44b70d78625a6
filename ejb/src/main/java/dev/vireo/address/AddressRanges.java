package dev.vireo.address;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.address.AddressPool;
import dev.vireo.persistence.address.AddressRange;
import java.util.Set;

/** The rules of a range: its kind, its bounds in one subnet, and no overlap with the pool's other ranges. */
final class AddressRanges {

    static final Set<String> KINDS = Set.of(AddressRange.INTERNAL, AddressRange.EXTERNAL);

    private AddressRanges() {
    }

    static String requireKind(String kind) {
        if (kind == null || !KINDS.contains(kind)) {
            throw new VireoException(ErrorCode.INVALID_RANGE_TYPE, kind);
        }
        return kind;
    }

    /**
     * A range of {@code pool} from {@code start} to {@code end}: both in the subnet {@code netmask} draws
     * around {@code start}, neither that subnet's own nor its broadcast address, start not after end,
     * the gateway outside it, and no address shared with another range of the pool.
     */
    static AddressRange check(AddressPool pool, String kind, String start, String end, String netmask) {
        if (netmask == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "netmask");
        }
        long first = Ipv4.parse("start", start);
        long last = Ipv4.parse("end", end);
        int prefix = Ipv4.prefixOf("netmask", netmask);
        if (first > last) {
            throw invalid(start, end, netmask, "the start comes after the end");
        }
        if (Ipv4.network(first, prefix) != Ipv4.network(last, prefix)) {
            throw invalid(start, end, netmask, "start and end lie in different subnets of this netmask");
        }
        if (first == Ipv4.network(first, prefix) || last == Ipv4.broadcast(first, prefix)) {
            throw invalid(start, end, netmask, "the subnet's own address and its broadcast address cannot be given out");
        }
        long gateway = Ipv4.parse("gateway", pool.getGateway());
        if (gateway >= first && gateway <= last) {
            throw invalid(start, end, netmask, "it holds the pool's gateway " + pool.getGateway());
        }
        for (AddressRange other : pool.getRanges()) {
            if (first <= other.getLastNumber() && other.getFirstNumber() <= last) {
                throw new VireoException(ErrorCode.RANGE_OVERLAPS, start, end, other.getKind(), other.getStart(),
                        other.getEnd(), pool.getName());
            }
        }
        return new AddressRange(pool, kind, start, end, netmask, first, last);
    }

    private static VireoException invalid(String start, String end, String netmask, String why) {
        return new VireoException(ErrorCode.INVALID_RANGE, start, end, netmask, why);
    }
}
