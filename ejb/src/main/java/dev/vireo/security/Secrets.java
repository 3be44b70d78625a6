package dev.vireo.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bearer secrets of tokens and sessions: {@code <prefix>_<id>.<secret>}. The public id names the
 * credential in lists; the 256-bit secret is stored only as its SHA-256 (a slow hash adds nothing
 * to a random secret of that size).
 */
public final class Secrets {

    public static final String TOKEN_PREFIX = "vrt";
    public static final String SESSION_PREFIX = "vrs";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("(vrt|vrs)_([a-z0-9]{16})\\.([A-Za-z0-9_-]{43})");
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** A freshly issued secret and the parts it is made of. */
    public record Issued(String id, String secret, String value) {
    }

    /** The parts of a presented secret. */
    public record Presented(String prefix, String id, String secret) {
    }

    private Secrets() {
    }

    public static Issued issue(String prefix) {
        StringBuilder id = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Issued(id.toString(), secret, prefix + "_" + id + "." + secret);
    }

    public static Optional<Presented> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(value.trim());
        return m.matches() ? Optional.of(new Presented(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares in constant time, so timing does not reveal how much of a guess was right. */
    public static boolean matches(String secret, String expectedHash) {
        return MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
                expectedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** A password for the first admin when none is configured: 20 characters from a 56-letter alphabet (about 116 bits). */
    public static String password() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
