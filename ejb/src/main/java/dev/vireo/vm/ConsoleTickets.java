package dev.vireo.vm;

import dev.vireo.persistence.vm.ConsoleTicket;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The web console's tickets: one-time secrets, apart from the VM's console password, that only
 * the connect action issues, each bound to one VM and to the account that asked for it, valid for
 * at most {@link #MAX_SECONDS}. The console's WebSocket handshake redeems one: only its own
 * account, for its own VM, once, in time. A ticket presented by anyone else stays as it was, so
 * a stolen or guessed ticket neither opens a console nor spends the owner's. Kept in the database
 * ({@link ConsoleTicket}), so that the handshake may reach any server, whichever issued the
 * ticket; each issue and redemption commits on its own, whatever becomes of the caller's work.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ConsoleTickets {

    static final int MAX_SECONDS = 30;
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An issued ticket: the secret and until when it may open the console (UTC). */
    public record Ticket(String secret, Instant validTo) {
    }

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    /** A new ticket for {@code user} to open the console of {@code vm}, valid {@code seconds} (at most {@link #MAX_SECONDS}). */
    public Ticket issue(String vm, String user, int seconds) {
        Instant now = now();
        em.createNamedQuery(ConsoleTicket.REMOVE_EXPIRED).setParameter("now", now).executeUpdate();
        String secret = newSecret();
        Instant validTo = now.plusSeconds(lifetime(seconds));
        em.persist(new ConsoleTicket(secret, vm, user, validTo));
        return new Ticket(secret, validTo);
    }

    /**
     * Spends the ticket if it was issued to {@code user} for {@code vm} and is still valid; true
     * then, once, on every server. Presented by another account or for another VM it is refused
     * and left unspent.
     */
    public boolean redeem(String vm, String secret, String user) {
        if (vm == null || secret == null || user == null) {
            return false;
        }
        return em.createNamedQuery(ConsoleTicket.REDEEM).setParameter("hash", ConsoleTicket.hash(secret))
                .setParameter("vm", vm).setParameter("account", user).setParameter("now", now()).executeUpdate() == 1;
    }

    /** How long a ticket asked to live {@code seconds} lives: at least one second, at most {@link #MAX_SECONDS}. */
    static int lifetime(int seconds) {
        return Math.max(1, Math.min(seconds, MAX_SECONDS));
    }

    /** A fresh secret: 32 random bytes, URL-safe Base64 (43 characters). */
    static String newSecret() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
