package dev.vireo.libvirt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What an ISO 9660 image says about itself in its volume descriptor set (from sector 16 on): its
 * label, and whether it carries an El Torito boot record, which is what makes it bootable.
 *
 * @param iso9660 whether the descriptors are those of an ISO 9660 image at all
 * @param label   the volume identifier; null when blank or not an ISO 9660 image
 */
public record IsoImage(boolean iso9660, String label, boolean bootable) {

    static final IsoImage NOT_ISO_9660 = new IsoImage(false, null, false);

    static final int SECTOR = 2048;
    /** Where the descriptor set starts, and how much of it is read: enough for the usual four to six. */
    static final long DESCRIPTORS_OFFSET = 16L * SECTOR;
    static final int DESCRIPTORS_LENGTH = 8 * SECTOR;

    private static final byte[] MAGIC = "CD001".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EL_TORITO = "EL TORITO SPECIFICATION".getBytes(StandardCharsets.US_ASCII);
    private static final int BOOT_RECORD = 0;
    private static final int PRIMARY = 1;
    private static final int TERMINATOR = 255;

    /** The image a local file holds, read from its descriptors; {@link #NOT_ISO_9660} when it is too short. */
    public static IsoImage ofFile(java.nio.file.Path file) throws java.io.IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(DESCRIPTORS_LENGTH);
            long position = DESCRIPTORS_OFFSET;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position);
                if (read < 0) {
                    break;
                }
                position += read;
            }
            return buffer.position() < SECTOR ? NOT_ISO_9660 : of(Arrays.copyOf(buffer.array(), buffer.position()));
        }
    }

    /** The image the descriptors (read from sector 16 on) describe; {@link #NOT_ISO_9660} without a primary descriptor. */
    public static IsoImage of(byte[] descriptors) {
        String label = null;
        boolean primary = false;
        boolean bootable = false;
        for (int start = 0; start + SECTOR <= descriptors.length; start += SECTOR) {
            byte[] sector = Arrays.copyOfRange(descriptors, start, start + SECTOR);
            if (!Arrays.equals(sector, 1, 1 + MAGIC.length, MAGIC, 0, MAGIC.length)) {
                break;
            }
            int type = sector[0] & 0xff;
            if (type == TERMINATOR) {
                break;
            }
            if (type == PRIMARY && !primary) {
                primary = true;
                label = IsoLabel.of(sector).orElse(null);
            } else if (type == BOOT_RECORD
                    && Arrays.equals(sector, 7, 7 + EL_TORITO.length, EL_TORITO, 0, EL_TORITO.length)) {
                bootable = true;
            }
        }
        return primary ? new IsoImage(true, label, bootable) : NOT_ISO_9660;
    }
}
