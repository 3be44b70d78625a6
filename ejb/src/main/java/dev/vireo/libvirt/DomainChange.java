package dev.vireo.libvirt;

import java.util.List;

/**
 * Changes to a domain's definition; null fields stay as they are. Memory in MiB.
 *
 * @param topology      the new topology when {@code topologyGiven}; null then removes it
 * @param passwdValidTo when the console password expires, as libvirt writes it (UTC, {@code yyyy-MM-ddTHH:mm:ss})
 */
public record DomainChange(
        String name,
        List<String> users,
        List<String> groups,
        Integer memoryMib,
        Integer maxMemoryMib,
        Integer vcpus,
        Integer maxVcpus,
        boolean topologyGiven,
        DomainDefinition.Topology topology,
        List<String> bootOrder,
        Boolean bootMenu,
        String title,
        String description,
        Boolean autostart,
        String graphicsType,
        String passwd,
        String passwdValidTo) {

    /** What could not be applied to the running domain and waits for its next start. */
    public record Outcome(DomainSummary domain, List<String> pendingUntilRestart) {
    }
}
