package dev.vireo.storage;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A file of this machine given as install media or a disk image by its path: checked before
 * anything is made of it. The path is absolute and in normal form (no {@code .}, {@code ..},
 * {@code //} or trailing {@code /}), the file exists, is regular (after links) and readable, and its
 * content is an ISO 9660 image or a disk image format QEMU reads (qcow, qcow2, qed, vmdk, vdi,
 * vpc, or a raw disk with a partition table) — so that no other file of the machine (a key, a
 * password file) can be handed to a guest.
 */
public final class MediaFiles {

    /** A checked file: its format as libvirt names it and its size. */
    public record MediaFile(Path path, String format, long size) {
    }

    private static final int ISO_MAGIC_AT = 0x8001;
    private static final int HEAD = ISO_MAGIC_AT + 5;

    private MediaFiles() {
    }

    /** The file at {@code path}, or a refusal with {@code refusal} (the caller's code for bad media, one {@code %s}). */
    public static MediaFile check(String path, ErrorCode refusal) {
        if (path == null || path.isEmpty() || path.chars().anyMatch(Character::isISOControl)) {
            throw refused(refusal, path, "is empty or holds control characters");
        }
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            throw refused(refusal, path, "is no path");
        }
        if (!file.isAbsolute() || !file.normalize().toString().equals(path) || path.contains("/../")) {
            throw refused(refusal, path, "is not an absolute path in normal form (without '.', '..', '//' or a trailing '/')");
        }
        if (!Files.exists(file)) {
            throw refused(refusal, path, "does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw refused(refusal, path, "is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw refused(refusal, path, "is not readable");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HEAD);
            String format = format(head).orElseThrow(() -> refused(refusal, path,
                    "is neither an ISO image nor a disk image (qcow2, qcow, qed, vmdk, vdi, vpc, raw with a partition table)"));
            return new MediaFile(file, format, Files.size(file));
        } catch (IOException e) {
            throw refused(refusal, path, "cannot be read: " + e.getMessage());
        }
    }

    /** The format the first bytes of a file show, if one QEMU reads. */
    static Optional<String> format(byte[] head) {
        if (startsWith(head, ISO_MAGIC_AT, "CD001")) {
            return Optional.of("iso");
        }
        if (startsWith(head, 0, "QFI\u00fb")) {
            return Optional.of(head.length > 7 && head[7] == 1 ? "qcow" : "qcow2");
        }
        if (startsWith(head, 0, "QED\0")) {
            return Optional.of("qed");
        }
        if (startsWith(head, 0, "KDMV") || startsWith(head, 0, "# Disk DescriptorFile")) {
            return Optional.of("vmdk");
        }
        if (startsWith(head, 0x40, "\u007f\u0010\u00da\u00be")) {
            return Optional.of("vdi");
        }
        if (startsWith(head, 0, "conectix")) {
            return Optional.of("vpc");
        }
        if (startsWith(head, 512, "EFI PART") || head.length >= 512 && (head[510] & 0xff) == 0x55
                && (head[511] & 0xff) == 0xaa) {
            return Optional.of("raw");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int offset, String magic) {
        byte[] bytes = magic.getBytes(StandardCharsets.ISO_8859_1);
        return head.length >= offset + bytes.length
                && Arrays.equals(head, offset, offset + bytes.length, bytes, 0, bytes.length);
    }

    private static VireoException refused(ErrorCode refusal, String path, String why) {
        return new VireoException(refusal, "the file " + path + " " + why);
    }
}
