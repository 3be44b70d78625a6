package dev.vireo.batch;

import dev.vireo.vm.GuestSpec;

/**
 * Many VMs of one spec: {@code count} of them named {@code <name_prefix>_0}, {@code <name_prefix>_1}, …
 *
 * @param nameRule    how they are named: {@code order} (the default); Nano's {@code MAC} and {@code address}
 *                    need address pools and are refused
 * @param namePrefix  the names' prefix ({@code guest} when absent)
 * @param computepool optional: the compute pool their hosts are chosen in (else pool {@code default})
 * @param host        optional: the one host they all go to
 * @param storagepool optional: the storage pool of their volumes instead of their compute pool's
 */
public record GuestBatchRequest(Integer count, String nameRule, String namePrefix, String computepool, String host,
                                String storagepool, GuestSpec spec) {
}
