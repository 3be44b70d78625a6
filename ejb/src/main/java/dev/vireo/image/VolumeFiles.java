package dev.vireo.image;

import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.HostRef;
import dev.vireo.libvirt.VolumeSummary;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The file of a volume, where this server may use it directly: the volume's host is this machine
 * (a URI without a host) and the file, or the directory it is to be made in, is this server's to
 * write. Elsewhere the bytes go through libvirt's volume streams.
 */
final class VolumeFiles {

    private static final Logger LOG = Logger.getLogger(VolumeFiles.class.getName());

    private VolumeFiles() {
    }

    static Optional<Path> of(HostRef host, VolumeSummary volume) {
        URI uri = URI.create(host.uri());
        if (uri.getHost() != null && !uri.getHost().isEmpty() || volume.path() == null || !"file".equals(volume.type())
                && volume.type() != null) {
            return Optional.empty();
        }
        Path file = Path.of(volume.path());
        boolean writable = Files.exists(file) ? Files.isRegularFile(file) && Files.isWritable(file)
                : file.getParent() != null && Files.isDirectory(file.getParent()) && Files.isWritable(file.getParent());
        return writable ? Optional.of(file) : Optional.empty();
    }

    /** Removes a volume and, where libvirt leaves it (the test driver), its file. */
    static void delete(HostGateways host, String pool, String name) {
        Optional<Path> file = host.storage().volume(pool, name).flatMap(volume -> of(host.ref(), volume));
        host.storage().deleteVolume(pool, name);
        file.ifPresent(path -> {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warning(() -> "Cannot remove " + path + ", the file of deleted volume " + pool + "/" + name + ": "
                        + e.getMessage());
            }
        });
    }
}
