package dev.vireo.host;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.regex.Pattern;

/**
 * The one rule for names of things the host has and Vireo only reads: interfaces ({@code eth0.42}),
 * node devices ({@code pci_0000_00_1f_2}), partitions ({@code nvme0n1p2}, {@code vg0-root}) and
 * volume groups. They are wider than {@link dev.vireo.validation.ResourceName} ({@code :} and
 * {@code +} occur) but never hold a '/', a space or a shell character, and they are only ever
 * looked up in what the host listed.
 */
public final class HostObjectName {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:+-]{0,127}";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private HostObjectName() {
    }

    /** Returns the name when it is valid, else throws a 400 naming the kind of object. */
    public static String require(String kind, String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new VireoException(ErrorCode.INVALID_HOST_OBJECT_NAME, kind, name == null ? "" : name);
        }
        return name;
    }
}
