package dev.vireo.image;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SHA-256 of each upload under way, up to the bytes written so far, so that a chunk is hashed
 * once, as it passes. A digest that is missing or stands at another offset (a server restart,
 * another server of a cluster took the last chunk) is rebuilt from the bytes written.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ImageDigests {

    private record Partial(long offset, MessageDigest digest) {
    }

    private final Map<String, Partial> partials = new ConcurrentHashMap<>();

    /** A copy of the digest of the first {@code offset} bytes of the volume, if kept. */
    public Optional<MessageDigest> resume(String volume, long offset) {
        Partial partial = partials.get(volume);
        if (partial == null || partial.offset() != offset) {
            return Optional.empty();
        }
        try {
            return Optional.of((MessageDigest) partial.digest().clone());
        } catch (CloneNotSupportedException e) {
            return Optional.empty();
        }
    }

    public void keep(String volume, long offset, MessageDigest digest) {
        partials.put(volume, new Partial(offset, digest));
    }

    public void forget(String volume) {
        partials.remove(volume);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
