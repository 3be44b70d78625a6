package dev.vireo.image;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of each upload under way on this server: the SHA-256 up to the bytes written so far,
 * so that a chunk is hashed once, as it passes, and the file of its store volume when this server
 * writes it directly, so that a chunk is not preceded by libvirt look-ups. A state that is missing
 * or stands at another offset (a server restart, another server of a cluster took the last chunk)
 * is rebuilt: the digest from the bytes written, the file from libvirt. The chunk that uses it
 * holds the image's row, so no delete or new start of the upload changes the volume meanwhile.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ImageDigests {

    private record Partial(long offset, MessageDigest digest, Optional<Path> file) {
    }

    /** An upload's state at an offset: its digest (a copy of the kept one) and its volume's file, if written directly. */
    public record Upload(MessageDigest digest, Optional<Path> file) {
    }

    private final Map<String, Partial> partials = new ConcurrentHashMap<>();

    /** The upload's state after its first {@code offset} bytes, if kept (the digest a copy of the kept one). */
    public Optional<Upload> resume(String volume, long offset) {
        Partial partial = partials.get(volume);
        if (partial == null || partial.offset() != offset) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Upload((MessageDigest) partial.digest().clone(), partial.file()));
        } catch (CloneNotSupportedException e) {
            return Optional.empty();
        }
    }

    public void keep(String volume, long offset, Upload upload) {
        partials.put(volume, new Partial(offset, upload.digest(), upload.file()));
    }

    public void forget(String volume) {
        partials.remove(volume);
    }

}
