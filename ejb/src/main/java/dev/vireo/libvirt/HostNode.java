package dev.vireo.libvirt;

/**
 * What libvirt says about the host machine itself.
 *
 * @param cpus          the active logical CPUs
 * @param sockets       CPU sockets in all NUMA nodes
 * @param coresPerSocket cores per socket
 * @param threadsPerCore threads per core
 * @param memoryBytes   the host's memory
 * @param hypervisor    the driver's name for the hypervisor ({@code QEMU}, {@code TEST})
 * @param hypervisorVersion and {@code libvirtVersion}: major * 1,000,000 + minor * 1,000 + release
 */
public record HostNode(String hostname, String arch, String cpuModel, int cpus, int sockets, int coresPerSocket,
                       int threadsPerCore, int mhz, long memoryBytes, String hypervisor, long hypervisorVersion,
                       long libvirtVersion) {
}
