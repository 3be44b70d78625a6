package dev.vireo.storage;

import dev.vireo.libvirt.IsoImage;
import dev.vireo.validation.ResourceName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Kimchi's deep scan: the ISO images anywhere under a directory, each made a volume of a
 * {@code kimchi-iso} pool by a symbolic link in the pool's own directory. Directories of active
 * pools are skipped (their images are in the ISO view already), unreadable ones too; links are
 * not followed while walking.
 */
final class IsoScan {

    private IsoScan() {
    }

    /** Links every ISO image under {@code root} into {@code poolDirectory}; returns how many it found. */
    static int scan(Path root, Set<Path> skipped, Path poolDirectory) throws IOException {
        Set<String> names = new HashSet<>();
        try (Stream<Path> present = Files.list(poolDirectory)) {
            present.forEach(link -> names.add(link.getFileName().toString()));
        }
        int[] found = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                return skipped.contains(directory) || directory.equals(poolDirectory)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile() && isIsoImage(file)) {
                    String name = linkName(file, names);
                    Files.createSymbolicLink(poolDirectory.resolve(name), file.toAbsolutePath());
                    names.add(name);
                    found[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // unreadable: not ours to see
            }
        });
        return found[0];
    }

    /** A file named *.iso holding an ISO 9660 image. */
    static boolean isIsoImage(Path file) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".iso")) {
            return false;
        }
        try {
            return IsoImage.ofFile(file).iso9660();
        } catch (IOException e) {
            return false;
        }
    }

    /** The file's own name when it is a valid volume name not taken yet, else one made from its path. */
    static String linkName(Path file, Set<String> taken) {
        String own = file.getFileName().toString();
        if (ResourceName.isValid(own) && !taken.contains(own)) {
            return own;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(file.toAbsolutePath().toString()
                    .getBytes(StandardCharsets.UTF_8));
            return "iso-" + HexFormat.of().formatHex(digest, 0, 8) + ".iso";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the links of a kimchi-iso pool and its directory; never what they point to. */
    static void removeLinks(Path poolDirectory) throws IOException {
        if (!Files.isDirectory(poolDirectory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> links = Files.list(poolDirectory)) {
            for (Path link : links.toList()) {
                if (Files.isSymbolicLink(link)) {
                    Files.delete(link);
                }
            }
        }
        Files.deleteIfExists(poolDirectory);
    }
}
