package dev.vireo.vm;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainChange;
import dev.vireo.libvirt.DomainDefinition;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.Units;
import dev.vireo.template.CpuRules;
import dev.vireo.template.TemplateRequest;
import dev.vireo.validation.ResourceName;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** The rules of the VM PUT: a request checked against the VM as it is, turned into a {@link DomainChange}. */
final class VmChanges {

    static final int MIN_MEMORY_MIB = 16;
    static final int MAX_TEXT = 4000;
    static final Set<String> BOOT_DEVICES = Set.of("hd", "cdrom", "network", "fd");
    static final Set<String> GRAPHICS = Set.of("vnc", "spice");

    private VmChanges() {
    }

    static DomainChange of(DomainSummary current, VmUpdateRequest request, long hostMemoryMib, Clock clock) {
        DomainDefinition definition = current.definition();
        String name = request.name() == null ? null : ResourceName.require("virtual machine", request.name());

        Integer memory = null;
        Integer maxMemory = null;
        if (request.memory() != null) {
            TemplateRequest.Memory asked = request.memory();
            if (asked.current() == null && asked.maxmemory() == null) {
                throw new VireoException(ErrorCode.INVALID_MEMORY, "give current, maxmemory or both (MiB)");
            }
            int oldCurrent = (int) (definition.currentMemoryBytes() / Units.MIB);
            int oldMax = (int) (definition.maxMemoryBytes() / Units.MIB);
            int newCurrent = asked.current() != null ? asked.current() : oldCurrent;
            int newMax = asked.maxmemory() != null ? asked.maxmemory() : Math.max(newCurrent, oldMax);
            if (newCurrent < MIN_MEMORY_MIB) {
                throw new VireoException(ErrorCode.INVALID_MEMORY, "current is " + newCurrent + " MiB, at least "
                        + MIN_MEMORY_MIB + " MiB are needed");
            }
            if (newMax < newCurrent) {
                throw new VireoException(ErrorCode.INVALID_MEMORY, "maxmemory (" + newMax + " MiB) is below current ("
                        + newCurrent + " MiB)");
            }
            if (newMax > hostMemoryMib) {
                throw new VireoException(ErrorCode.INVALID_MEMORY, "maxmemory (" + newMax + " MiB) exceeds the host's "
                        + hostMemoryMib + " MiB");
            }
            memory = newCurrent != oldCurrent ? newCurrent : null;
            maxMemory = newMax != oldMax ? newMax : null;
        }

        Integer vcpus = null;
        Integer maxVcpus = null;
        boolean topologyChanged = false;
        DomainDefinition.Topology topology = null;
        if (request.cpuInfo() != null) {
            CpuRules.Cpu cpu = CpuRules.resolve(request.cpuInfo());
            topology = cpu.topology() == null ? null : new DomainDefinition.Topology(cpu.topology().sockets(),
                    cpu.topology().cores(), cpu.topology().threads());
            vcpus = cpu.vcpus() != definition.vcpus() ? cpu.vcpus() : null;
            maxVcpus = cpu.maxVcpus() != definition.maxVcpus() ? cpu.maxVcpus() : null;
            topologyChanged = !Objects.equals(topology, definition.topology());
        }

        String graphicsType = null;
        String passwd = null;
        String validTo = null;
        if (request.graphics() != null) {
            VmUpdateRequest.Graphics graphics = request.graphics();
            if (graphics.type() != null) {
                graphicsType = graphics.type().toLowerCase(Locale.ROOT);
                if (!GRAPHICS.contains(graphicsType)) {
                    throw new VireoException(ErrorCode.INVALID_GRAPHICS, "type must be vnc or spice, not '"
                            + graphics.type() + "'");
                }
            }
            if (definition.graphics() == null && graphicsType == null) {
                throw new VireoException(ErrorCode.INVALID_GRAPHICS, "virtual machine " + definition.name()
                        + " has no display: give graphics.type (vnc or spice) to add one");
            }
            if (graphics.passwd() != null || graphics.type() == null) {
                passwd = graphics.passwd() != null ? password(graphics.passwd()) : ConsolePasswords.random();
                int seconds = graphics.passwdValidTo() != null ? graphics.passwdValidTo()
                        : ConsolePasswords.DEFAULT_LIFETIME_SECONDS;
                if (seconds < 1) {
                    throw new VireoException(ErrorCode.INVALID_GRAPHICS, "passwdValidTo is a lifetime in seconds, "
                            + "at least 1, not " + seconds);
                }
                validTo = ConsolePasswords.validTo(clock, seconds);
            }
        }

        return new DomainChange(name, names("users", "user", request.users()), names("groups", "group", request.groups()),
                memory, maxMemory, vcpus, maxVcpus, topologyChanged, topology,
                bootOrder(request.bootorder()), request.bootmenu(), text("title", request.title()),
                text("description", request.description()), request.autostart(), graphicsType, passwd, validTo);
    }

    private static List<String> names(String field, String kind, List<String> names) {
        if (names == null) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            ResourceName.require(kind, name);
            if (!seen.add(name)) {
                throw new VireoException(ErrorCode.INVALID_VALUE, field, name + " is listed twice");
            }
        }
        return List.copyOf(names);
    }

    private static List<String> bootOrder(List<String> order) {
        if (order == null) {
            return null;
        }
        if (order.isEmpty() || new HashSet<>(order).size() != order.size() || !BOOT_DEVICES.containsAll(order)) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "bootorder",
                    "distinct devices among hd, cdrom, network and fd, not " + order);
        }
        return List.copyOf(order);
    }

    private static String text(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new VireoException(ErrorCode.INVALID_VALUE, field, "at most " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static String password(String passwd) {
        if (passwd.isEmpty() || passwd.length() > 64 || passwd.chars().anyMatch(Character::isISOControl)) {
            throw new VireoException(ErrorCode.INVALID_GRAPHICS, "passwd must be 1 to 64 printable characters");
        }
        return passwd;
    }

}
