package dev.vireo.libvirt;

import java.util.Locale;

/** libvirt's scaled integers ({@code <memory unit='MiB'>}), as bytes. */
public final class Units {

    public static final long KIB = 1024L;
    public static final long MIB = KIB * 1024;
    public static final long GIB = MIB * 1024;

    private Units() {
    }

    /**
     * The number of bytes in {@code value} of {@code unit}, where a missing unit means
     * {@code defaultUnit} (libvirt's default differs per element: KiB for memory, bytes for
     * volumes).
     */
    public static long toBytes(long value, String unit, String defaultUnit) {
        return Math.multiplyExact(value, multiplier(unit == null || unit.isBlank() ? defaultUnit : unit));
    }

    static long multiplier(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "b", "bytes" -> 1L;
            case "kb" -> 1_000L;
            case "k", "kib" -> KIB;
            case "mb" -> 1_000_000L;
            case "m", "mib" -> MIB;
            case "gb" -> 1_000_000_000L;
            case "g", "gib" -> GIB;
            case "tb" -> 1_000_000_000_000L;
            case "t", "tib" -> GIB * 1024;
            case "pb" -> 1_000_000_000_000_000L;
            case "p", "pib" -> GIB * 1024 * 1024;
            case "eb" -> 1_000_000_000_000_000_000L;
            case "e", "eib" -> GIB * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException("Unknown unit '" + unit + "'");
        };
    }
}
