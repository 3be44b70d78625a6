package dev.vireo.security;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Passwords: hashed with Jakarta Security's PBKDF2 (HMAC-SHA512, 210 000 iterations, 32-byte
 * salt), checked against the stored hash. A slow hash costs about a tenth of a second, too much
 * for scripts that send HTTP Basic on every request, so a verified password is remembered for a
 * few minutes as an HMAC under a key that exists only in this process's memory. Requests that
 * present the same password at once share one derivation: when the remembered password expires
 * under a burst, the burst pays for one derivation, not one per request.
 */
@ApplicationScoped
public class Passwords {

    static final int MIN_LENGTH = 8;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA512";
    private static final int ITERATIONS = 210_000;
    private static final int SALT_BYTES = 32;
    private static final int KEY_BYTES = 64;
    private static final long REMEMBER_MILLIS = 5 * 60_000;

    private record Verified(byte[] mac, long at) {
    }

    /** A derivation being made: of this user's password (known by its HMAC) against this stored hash. */
    private record Derivation(String user, ByteBuffer mac, String stored) {
    }

    @Inject
    Pbkdf2PasswordHash hash;

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Map<Derivation, CompletableFuture<Boolean>> deriving = new ConcurrentHashMap<>();
    private final byte[] key = new byte[32];
    /** A hash of a password nobody knows, made as every stored one is: what unknown users are checked against. */
    private String unknownUsersHash;

    @PostConstruct
    void init() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", ALGORITHM,
                "Pbkdf2PasswordHash.Iterations", Integer.toString(ITERATIONS),
                "Pbkdf2PasswordHash.SaltSizeBytes", Integer.toString(SALT_BYTES),
                "Pbkdf2PasswordHash.KeySizeBytes", Integer.toString(KEY_BYTES)));
        SecureRandom random = new SecureRandom();
        random.nextBytes(key);
        unknownUsersHash = decoyHash(random);
    }

    /**
     * A stored hash in the form Jakarta Security's {@link Pbkdf2PasswordHash} documents
     * ({@code algorithm:iterations:salt:hash}, Base64) whose hash part is random bytes: checking a
     * password against it costs exactly one derivation, as against a real one, and no password
     * matches it. Made without deriving anything, so that the server's start pays no slow hash.
     */
    static String decoyHash(SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] derived = new byte[KEY_BYTES];
        random.nextBytes(salt);
        random.nextBytes(derived);
        Base64.Encoder base64 = Base64.getEncoder();
        return ALGORITHM + ":" + ITERATIONS + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(derived);
    }

    /** The stored form of a new password, after checking it is acceptable for {@code user}. */
    public String hash(String user, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new VireoException(ErrorCode.WEAK_PASSWORD, "use at least " + MIN_LENGTH + " characters");
        }
        if (password.equalsIgnoreCase(user)) {
            throw new VireoException(ErrorCode.WEAK_PASSWORD, "it must differ from the user name");
        }
        forget(user);
        return hash.generate(password.toCharArray());
    }

    /** Whether this very password of {@code user} was verified a few minutes ago (and not changed since). */
    public boolean recentlyVerified(String user, String password) {
        Verified known = verified.get(user);
        return known != null && System.currentTimeMillis() - known.at() < REMEMBER_MILLIS
                && MessageDigest.isEqual(known.mac(), mac(user, password));
    }

    /**
     * Whether {@code password} is the one {@code stored} holds. For an unknown user ({@code stored}
     * null) the password is still derived, against a hash nobody's password matches, so that a
     * wrong password takes as long whether the user exists or not.
     */
    public boolean verify(String user, String password, String stored) {
        if (stored == null) {
            derive(user, password, unknownUsersHash);
            return false;
        }
        if (recentlyVerified(user, password)) {
            return true;
        }
        return derive(user, password, stored);
    }

    /** Whether the password derives to {@code stored}: derived once for all who ask the same at once. */
    private boolean derive(String user, String password, String stored) {
        byte[] mac = mac(user, password);
        Derivation derivation = new Derivation(user, ByteBuffer.wrap(mac), stored);
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = deriving.putIfAbsent(derivation, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            boolean right = hash.verify(password.toCharArray(), stored);
            if (right) {
                verified.put(user, new Verified(mac, System.currentTimeMillis()));
            }
            mine.complete(right);
            return right;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            deriving.remove(derivation, mine);
        }
    }

    /** Forgets a remembered password: it changed, or the account is gone. */
    public void forget(String user) {
        verified.remove(user);
    }

    private byte[] mac(String user, String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            hmac.update(user.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
