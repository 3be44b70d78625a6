package dev.vireo.vm;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web console's tickets: one-time secrets, apart from the VM's console password, that only
 * the connect action issues, each bound to one VM and to the account that asked for it, valid for
 * at most {@link #MAX_SECONDS}. The console's WebSocket handshake redeems one: only its own
 * account, for its own VM, once, in time. A ticket presented by anyone else stays as it was, so
 * a stolen or guessed ticket neither opens a console nor spends the owner's. Kept in memory: they
 * live seconds, and a restart ends them.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ConsoleTickets {

    static final int MAX_SECONDS = 30;
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An issued ticket: the secret and until when it may open the console (UTC). */
    public record Ticket(String secret, Instant validTo) {
    }

    private record Issued(String vm, String user, Instant validTo) {
    }

    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final Clock clock;

    public ConsoleTickets() {
        this(Clock.systemUTC());
    }

    ConsoleTickets(Clock clock) {
        this.clock = clock;
    }

    /** A new ticket for {@code user} to open the console of {@code vm}, valid {@code seconds} (at most {@link #MAX_SECONDS}). */
    public Ticket issue(String vm, String user, int seconds) {
        Instant now = clock.instant();
        issued.values().removeIf(ticket -> !ticket.validTo().isAfter(now));
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant validTo = now.plusSeconds(Math.max(1, Math.min(seconds, MAX_SECONDS)));
        issued.put(secret, new Issued(vm, user, validTo));
        return new Ticket(secret, validTo);
    }

    /**
     * Spends the ticket if it was issued to {@code user} for {@code vm} and is still valid; true
     * then, once. Presented by another account or for another VM it is refused and left unspent.
     */
    public boolean redeem(String vm, String secret, String user) {
        if (vm == null || secret == null || user == null) {
            return false;
        }
        Issued ticket = issued.get(secret);
        if (ticket == null || !ticket.vm().equals(vm) || !ticket.user().equals(user)) {
            return false;
        }
        return issued.remove(secret, ticket) && ticket.validTo().isAfter(clock.instant());
    }
}
