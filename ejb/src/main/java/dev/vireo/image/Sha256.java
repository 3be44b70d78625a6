package dev.vireo.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, the checksum of images, as the image code computes it. */
public final class Sha256 {

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
