package dev.vireo.vm;

import dev.vireo.address.AllocationView;
import java.util.List;

/**
 * A VM found by its UUID (a guest in Nano's words), with what Nano shows of it. Memory and disks in MiB.
 *
 * @param pool    the compute pool of its host, or null when the host is in none
 * @param host    its host (Nano's cell)
 * @param disks   the sizes of the volumes Vireo made for it, in MiB, the system disk first
 * @param display the type of its display ({@code vnc}, {@code spice}), or null
 * @param cpuUsage the CPU use in % last sampled (0 when its host is not sampled)
 * @param ethernetAddress the MAC address of its first NIC, or null without one
 * @param addresses the IP addresses its NICs hold now (leased while it runs), first NIC first
 * @param media    the image in its first loaded CD-ROM drive, or null when none holds media
 * @param bootOrder the devices it boots from, in order ({@code hd}, {@code cdrom}, {@code network})
 */
public record GuestView(String id, String name, String state, boolean running, String owner, List<String> groups,
                        String pool, String host, int cores, long memory, List<Long> disks, boolean autostart,
                        String display, double cpuUsage, String ethernetAddress, List<String> addresses,
                        String media, List<String> bootOrder, List<AllocationView> allocations) {

    public long totalDisk() {
        return disks.stream().mapToLong(Long::longValue).sum();
    }
}
