package dev.vireo.config;

import java.util.List;

/**
 * The Kimchi capabilities resource.
 *
 * @param screenshot        whether screenshots work on this host; null until one was tried, as the seed says
 * @param memHotplugSupport whether the hypervisor takes memory into a running guest as Kimchi requires it
 *                          (QEMU 2.1 and libvirt 1.2.14 or later), as libvirt reports its versions
 * @param kernelVfio        whether the host's devices sit in IOMMU groups, which VFIO passthrough needs
 *                          (libvirt's node devices: measured on a remote host too)
 * @param nmRunning         whether NetworkManager runs on the host: read from this machine's processes, so
 *                          false for a host on another machine, where it cannot be seen through libvirt
 * @param libvirtdRunning   whether the host's libvirt answers now
 */
public record CapabilitiesView(
        List<String> libvirtStreamProtocols,
        boolean qemuSpice,
        boolean qemuStream,
        Boolean screenshot,
        boolean systemReportTool,
        boolean updateTool,
        String repoMngtTool,
        boolean memHotplugSupport,
        boolean kernelVfio,
        boolean nmRunning,
        boolean libvirtdRunning) {
}
