package dev.vireo.address;

import java.time.Instant;
import java.util.List;

/**
 * An address pool and its use.
 *
 * @param ranges    its internal ranges (guest NICs get their addresses there), in address order
 * @param external  its external ranges
 * @param addresses how many addresses its internal ranges hold
 * @param allocated who holds which address; null in the list of pools
 * @param allocatedCount how many addresses are allocated
 * @param computePools the compute pools that name it
 */
public record AddressPoolView(String name, String gateway, List<String> dns, List<AddressRangeView> ranges,
                              List<AddressRangeView> external, long addresses, long allocatedCount,
                              List<AllocationView> allocated, List<String> computePools, Instant created) {
}
