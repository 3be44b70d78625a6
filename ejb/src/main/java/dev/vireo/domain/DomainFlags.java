package dev.vireo.domain;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The libvirt calls the Xen REST face exposes, each with the flags libvirt takes for it (their
 * values and names as in libvirt's headers). A flag is 0 or a sum of those values; anything else
 * is refused with a 400 that lists them, and never reaches libvirt.
 */
public enum DomainFlags {
    /** virDomainGetXMLDesc. */
    XML_DESC("inspect", "VIR_DOMAIN_XML_DEFAULT",
            Map.of(1, "VIR_DOMAIN_XML_SECURE", 2, "VIR_DOMAIN_XML_INACTIVE", 4, "VIR_DOMAIN_XML_UPDATE_CPU",
                    8, "VIR_DOMAIN_XML_MIGRATABLE")),
    /** virDomainCreateWithFlags. */
    START("start", "VIR_DOMAIN_NONE",
            Map.of(1, "VIR_DOMAIN_START_PAUSED", 2, "VIR_DOMAIN_START_AUTODESTROY", 4, "VIR_DOMAIN_START_BYPASS_CACHE",
                    8, "VIR_DOMAIN_START_FORCE_BOOT", 16, "VIR_DOMAIN_START_VALIDATE")),
    /** virDomainShutdownFlags. */
    SHUTDOWN("stop", "VIR_DOMAIN_SHUTDOWN_DEFAULT",
            Map.of(1, "VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN", 2, "VIR_DOMAIN_SHUTDOWN_GUEST_AGENT",
                    4, "VIR_DOMAIN_SHUTDOWN_INITCTL", 8, "VIR_DOMAIN_SHUTDOWN_SIGNAL", 16, "VIR_DOMAIN_SHUTDOWN_PARAVIRT")),
    /** virDomainDestroyFlags. */
    DESTROY("destroy", "VIR_DOMAIN_DESTROY_DEFAULT", Map.of(1, "VIR_DOMAIN_DESTROY_GRACEFUL")),
    /** virDomainReboot. */
    REBOOT("restart", "VIR_DOMAIN_REBOOT_DEFAULT",
            Map.of(1, "VIR_DOMAIN_REBOOT_ACPI_POWER_BTN", 2, "VIR_DOMAIN_REBOOT_GUEST_AGENT",
                    4, "VIR_DOMAIN_REBOOT_INITCTL", 8, "VIR_DOMAIN_REBOOT_SIGNAL", 16, "VIR_DOMAIN_REBOOT_PARAVIRT")),
    /** virDomainUndefineFlags. */
    UNDEFINE("delete", "VIR_DOMAIN_UNDEFINE_DEFAULT",
            Map.of(1, "VIR_DOMAIN_UNDEFINE_MANAGED_SAVE", 2, "VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA",
                    4, "VIR_DOMAIN_UNDEFINE_NVRAM")),
    /** virDomainAttachDeviceFlags, virDomainSetMemoryFlags, virDomainSetVcpusFlags: virDomainModificationImpact. */
    AFFECT("attach or resize", "VIR_DOMAIN_AFFECT_CURRENT",
            Map.of(1, "VIR_DOMAIN_AFFECT_LIVE", 2, "VIR_DOMAIN_AFFECT_CONFIG"));

    private final String call;
    private final String none;
    private final Map<Integer, String> bits;
    private final int mask;

    DomainFlags(String call, String none, Map<Integer, String> bits) {
        this.call = call;
        this.none = none;
        this.bits = bits;
        this.mask = bits.keySet().stream().mapToInt(Integer::intValue).reduce(0, (a, b) -> a | b);
    }

    /**
     * The flags a request gives ({@code null} or empty: 0), checked against those libvirt takes for
     * this call: a whole number, 0 or a sum of distinct listed values.
     */
    public int parse(String flag) {
        if (flag == null || flag.isEmpty()) {
            return 0;
        }
        int value;
        try {
            value = flag.matches("[0-9]{1,9}") ? Integer.parseInt(flag) : -1;
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0 || (value & ~mask) != 0) {
            throw new VireoException(ErrorCode.XEN_INVALID_FLAG, flag, call, allowed());
        }
        return value;
    }

    /** The values libvirt takes for this call, as a sentence: {@code 0 (NONE) or a sum of 1 (A), 2 (B)}. */
    public String allowed() {
        return "0 (" + none + ") or a sum of " + bits().entrySet().stream()
                .map(bit -> bit.getKey() + " (" + bit.getValue() + ")").collect(Collectors.joining(", "));
    }

    /** The values libvirt takes for this call (without 0), smallest first, each with libvirt's name for it. */
    public Map<Integer, String> bits() {
        Map<Integer, String> sorted = new LinkedHashMap<>();
        bits.keySet().stream().sorted().forEach(bit -> sorted.put(bit, bits.get(bit)));
        return sorted;
    }

    /** Libvirt's name for 0, this call's default. */
    public String none() {
        return none;
    }

    /** Whether {@code flags} hold {@code bit}. */
    public static boolean has(int flags, int bit) {
        return (flags & bit) != 0;
    }
}
