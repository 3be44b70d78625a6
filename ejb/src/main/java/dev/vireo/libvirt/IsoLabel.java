package dev.vireo.libvirt;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The volume identifier of an ISO 9660 image, from its primary volume descriptor (sector 16). */
public final class IsoLabel {

    static final int DESCRIPTOR_LENGTH = 2048;
    private static final byte PRIMARY = 1;
    private static final byte[] MAGIC = "CD001".getBytes(StandardCharsets.US_ASCII);
    private static final int LABEL_START = 40;
    private static final int LABEL_END = 72;

    private IsoLabel() {
    }

    /** The label in a primary volume descriptor; empty when the bytes are not one or it is blank. */
    public static Optional<String> of(byte[] descriptor) {
        if (descriptor.length < LABEL_END || descriptor[0] != PRIMARY) {
            return Optional.empty();
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (descriptor[1 + i] != MAGIC[i]) {
                return Optional.empty();
            }
        }
        String label = new String(descriptor, LABEL_START, LABEL_END - LABEL_START, StandardCharsets.US_ASCII).strip();
        return label.isEmpty() ? Optional.empty() : Optional.of(label);
    }
}
