package dev.vireo.vm;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Console (VNC/SPICE) passwords. Every VM Vireo makes starts with a random password that has
 * already expired: its console is closed until someone sets a fresh password (PUT graphics, the
 * connect action), and a password can be changed while the VM runs only if it started with one.
 */
final class ConsolePasswords {

    static final int DEFAULT_LIFETIME_SECONDS = 30;
    /** libvirt's format for passwdValidTo, in UTC. */
    static final DateTimeFormatter LIBVIRT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    static final String EXPIRED = "1970-01-01T00:00:00";

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsolePasswords() {
    }

    static String random() {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /** When a password set now for {@code seconds} expires, as libvirt writes it. */
    static String validTo(Clock clock, int seconds) {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).plusSeconds(seconds)
                .truncatedTo(ChronoUnit.SECONDS).format(LIBVIRT_TIME);
    }
}
