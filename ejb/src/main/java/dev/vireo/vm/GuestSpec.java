package dev.vireo.vm;

import java.util.List;

/**
 * A new VM described by its resources instead of a template (Nano's guests): it gets new empty
 * volumes in the storage pool of the compute pool it is placed in ({@code default} when that pool
 * names none, or {@code storagepool} of the request), no installation media, and a VNC display.
 *
 * @param cpus       virtual CPUs
 * @param memory     memory in MiB
 * @param disks      the sizes of its new volumes in MiB: the system disk first, then data disks
 * @param autostart  optional: whether it starts with its host (false when absent)
 * @param osDistro   optional: the guest's system ({@code linux}, {@code windows}, …)
 * @param osVersion  optional: the system's version ({@code centos7}, …)
 * @param owner      optional: the account it belongs to (the caller when absent; another account only for callers
 *                   that see everything)
 * @param group      optional: a user group it is shared with
 * @param fromImage  optional: the id of a ready disk image the system disk is a thin overlay of (as large as
 *                   {@code disks[0]}, or the image when it is larger)
 */
public record GuestSpec(Integer cpus, Integer memory, List<Long> disks, Boolean autostart, String osDistro,
                        String osVersion, String owner, String group, String fromImage) {
}
