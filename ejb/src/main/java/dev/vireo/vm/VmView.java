package dev.vireo.vm;

import dev.vireo.libvirt.DomainDefinition;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.Units;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A virtual machine as the Kimchi API shows it, with the name of its host. Memory is in MiB. A VM on a
 * host that cannot be reached now shows its state as {@code unknown} and when the host last showed
 * it ({@code lastSeen}; null for the others).
 */
public record VmView(
        String name,
        String uuid,
        String state,
        VmStats stats,
        Memory memory,
        CpuInfo cpuInfo,
        Graphics graphics,
        List<String> users,
        List<String> groups,
        List<String> bootorder,
        boolean bootmenu,
        String title,
        String description,
        boolean autostart,
        boolean persistent,
        String screenshot,
        String icon,
        String host,
        Instant lastSeen) implements Serializable {

    /** The state of a VM whose host cannot be reached now. */
    public static final String UNKNOWN = "unknown";

    static final String SCREENSHOT_URI = "/plugins/kimchi/vms/%s/screenshot";

    public record Memory(long current, long maxmemory) implements Serializable {
    }

    public record CpuInfo(int vcpus, int maxvcpus, Topology topology) implements Serializable {
    }

    public record Topology(int sockets, int cores, int threads) implements Serializable {
    }

    /**
     * The VM's display. Never its password: the connect action gives a fresh one to its caller
     * alone, and who may merely see the VM must not reach its console.
     */
    public record Graphics(String type, String listen, Integer port,
                           @JsonbNillable @JsonbProperty("passwdValidTo") String passwdValidTo) implements Serializable {
        static final Graphics NONE = new Graphics(null, null, null, null);
    }

    /** The same VM with other links to its screenshot and icon (an API face's). */
    public VmView withImages(String screenshotLink, String iconLink) {
        return new VmView(name, uuid, state, stats, memory, cpuInfo, graphics, users, groups, bootorder, bootmenu,
                title, description, autostart, persistent, screenshotLink, iconLink, host, lastSeen);
    }

    /**
     * @param host the name of the VM's host
     * @param icon the icon of the template the VM came from, or null
     */
    static VmView of(String host, DomainSummary summary, VmStats stats, String icon) {
        return of(host, summary, summary.state().apiName(), stats, icon, null);
    }

    /** The VM as its host, which cannot be reached now, last showed it at {@code lastSeen}. */
    static VmView lastSeen(String host, DomainSummary summary, String icon, Instant lastSeen) {
        return of(host, summary, UNKNOWN, VmStats.NONE, icon, lastSeen);
    }

    private static VmView of(String host, DomainSummary summary, String state, VmStats stats, String icon,
                             Instant lastSeen) {
        DomainDefinition definition = summary.definition();
        DomainDefinition.Topology topology = definition.topology();
        DomainDefinition.Graphics graphics = definition.graphics();
        return new VmView(
                definition.name(),
                definition.uuid(),
                state,
                stats,
                new Memory(definition.currentMemoryBytes() / Units.MIB, definition.maxMemoryBytes() / Units.MIB),
                new CpuInfo(definition.vcpus(), definition.maxVcpus(), topology == null ? null
                        : new Topology(topology.sockets(), topology.cores(), topology.threads())),
                graphics == null ? Graphics.NONE : new Graphics(graphics.type(), graphics.listen(), graphics.port(),
                        ConsolePasswords.EXPIRED.equals(graphics.passwdValidTo()) ? null : graphics.passwdValidTo()),
                definition.metadata().users(),
                definition.metadata().groups(),
                definition.bootOrder(),
                definition.bootMenu(),
                definition.title(),
                definition.description(),
                summary.autostart(),
                summary.persistent(),
                lastSeen == null && showsScreen(summary) ? String.format(SCREENSHOT_URI, definition.name()) : null,
                icon,
                host,
                lastSeen);
    }

    private static boolean showsScreen(DomainSummary summary) {
        return summary.definition().graphics() != null && switch (summary.state()) {
            case RUNNING, BLOCKED, PAUSED -> true;
            default -> false;
        };
    }
}
