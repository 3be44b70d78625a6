package dev.vireo.address;

import dev.vireo.persistence.address.AddressRange;
import java.util.List;

/**
 * A range with its use: how many addresses it holds, how many are allocated, and (for one range
 * asked by itself) who holds which.
 *
 * @param allocated the allocations of the range; null in lists of ranges, which give the count only
 */
public record AddressRangeView(String type, String start, String end, String netmask, long addresses,
                               long allocatedCount, long free, List<AllocationView> allocated) {

    static AddressRangeView of(AddressRange range, List<AllocationView> in, boolean withAllocations) {
        return new AddressRangeView(range.getKind(), range.getStart(), range.getEnd(), range.getNetmask(), range.size(),
                in.size(), range.size() - in.size(), withAllocations ? in : null);
    }
}
