package dev.vireo.vm;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.Units;
import dev.vireo.persistence.template.TemplateDisk;
import dev.vireo.persistence.template.TemplateSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The rules of a {@link GuestSpec}: what it may ask for, and the settings of the VM it describes. */
final class GuestSpecs {

    static final int MAX_CPUS = 4096;
    static final int MIN_MEMORY_MIB = 16;
    /** 16 TiB. */
    static final int MAX_MEMORY_MIB = 16 * 1024 * 1024;
    static final int MAX_DISKS = 16;
    /** 1 PiB, as a template's largest disk. */
    static final long MAX_DISK_MIB = 1024L * 1024 * 1024;
    static final String FORMAT = "qcow2";
    static final String LISTEN = "127.0.0.1";
    private static final Pattern OS_WORD = Pattern.compile("[\\p{L}\\p{N} ._+-]{1,64}");

    private GuestSpecs() {
    }

    /** Refuses a spec that asks for too little, too much, or what is not supported yet (400). */
    static void check(GuestSpec spec) {
        int cpus = required("cpus", spec.cpus());
        if (cpus < 1 || cpus > MAX_CPUS) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "cpus", "between 1 and " + MAX_CPUS + ", not " + cpus);
        }
        int memory = required("memory", spec.memory());
        if (memory < MIN_MEMORY_MIB || memory > MAX_MEMORY_MIB) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "memory",
                    "between " + MIN_MEMORY_MIB + " and " + MAX_MEMORY_MIB + " MiB, not " + memory);
        }
        List<Long> disks = required("disks", spec.disks());
        if (disks.isEmpty() || disks.size() > MAX_DISKS) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "disks",
                    "1 to " + MAX_DISKS + " sizes (the system disk first), not " + disks.size());
        }
        for (int i = 0; i < disks.size(); i++) {
            Long size = disks.get(i);
            if (size == null || size < 1 || size > MAX_DISK_MIB) {
                throw new VireoException(ErrorCode.INVALID_VALUE, "disks[" + i + "]",
                        "a size between 1 and " + MAX_DISK_MIB + " MiB, not " + size);
            }
        }
        osWord("os_distro", spec.osDistro());
        osWord("os_version", spec.osVersion());
    }

    /**
     * The settings of the VM the spec describes, its disks in {@code storagePool}; one NIC on
     * {@code network}, its compute pool's network (null: none), where its address pool's address goes.
     */
    static TemplateSettings settings(GuestSpec spec, String storagePool, String network) {
        List<TemplateDisk> disks = new ArrayList<>();
        for (int i = 0; i < spec.disks().size(); i++) {
            // the size in GB is what templates know; the builder takes the exact size in bytes from diskBytes
            disks.add(new TemplateDisk(i, null, null, FORMAT, storagePool));
        }
        return new TemplateSettings(List.of(), null, spec.osDistro(), spec.osVersion(), spec.memory(), spec.memory(),
                null, network == null ? List.of() : List.of(network), disks, new TemplateSettings.Graphics("vnc", LISTEN), spec.cpus(), spec.cpus(), null);
    }

    /** The sizes of the spec's volumes in bytes. */
    static List<Long> diskBytes(GuestSpec spec) {
        return spec.disks().stream().map(mib -> mib * Units.MIB).toList();
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "spec." + field);
        }
        return value;
    }

    private static void osWord(String field, String value) {
        if (value != null && !OS_WORD.matcher(value).matches()) {
            throw new VireoException(ErrorCode.INVALID_VALUE, field,
                    "1 to 64 letters, digits, spaces or . _ + -, not '" + value + "'");
        }
    }
}
