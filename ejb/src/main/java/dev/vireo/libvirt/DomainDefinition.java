package dev.vireo.libvirt;

import java.util.List;

/**
 * What a domain's XML says, in typed form: the parts Vireo reads. Memory is in bytes.
 *
 * @param maxMemoryBytes {@code <maxMemory>} (hot-plug ceiling), or {@code <memory>} without one
 * @param maxVcpus       the {@code <vcpu>} count
 * @param vcpus          the {@code current} vCPUs, or {@code maxVcpus}
 * @param topology       {@code <cpu><topology>}, or null
 * @param graphics       the first {@code <graphics>} device, or null
 * @param diskTargets      the target devices of its disks ({@code vda}, …), for block statistics
 * @param interfaceTargets the host-side devices of its NICs ({@code vnet0}, …; only while running)
 * @param hostdevs       the host devices assigned to it ({@code <hostdev mode='subsystem'>})
 * @param metadata       what Vireo recorded in the domain's metadata ({@link VireoMetadata#NONE} if nothing)
 */
public record DomainDefinition(
        String type,
        String name,
        String uuid,
        String title,
        String description,
        long memoryBytes,
        long currentMemoryBytes,
        long maxMemoryBytes,
        int maxVcpus,
        int vcpus,
        Topology topology,
        String arch,
        List<String> bootOrder,
        boolean bootMenu,
        Graphics graphics,
        List<String> diskTargets,
        List<String> interfaceTargets,
        List<DomainHostdev> hostdevs,
        VireoMetadata metadata) {

    public record Topology(int sockets, int cores, int threads) {
    }

    /**
     * @param port null while the port is not allocated ({@code -1} or absent)
     */
    public record Graphics(String type, String listen, Integer port, String passwd, String passwdValidTo) {
    }
}
