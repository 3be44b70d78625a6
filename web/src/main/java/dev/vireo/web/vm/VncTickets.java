package dev.vireo.web.vm;

import dev.vireo.error.VireoException;
import dev.vireo.vm.VmService;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The web console's handshakes. The ticket a handshake presents is spent by the VM service as the
 * handshake's authenticated caller ({@link VmService#openConsole}: issued to that account by
 * connect, for that VM, once, in time); the accepted handshake leaves a grant — the VNC port to
 * proxy to — that the WebSocket session opening next takes, as the same account.
 */
@ApplicationScoped
public class VncTickets {

    /** What an accepted ticket opens: the VM and the address of its VNC server, for one account, until a few seconds on. */
    public record Grant(String vm, String user, String address, int port, Instant until) {
    }

    @EJB
    VmService vms;

    @Resource
    ManagedThreadFactory threads;

    private static final Logger LOG = Logger.getLogger(VncTickets.class.getName());
    /** How long a handshake's grant waits for its session, which opens right after it. */
    private static final int GRANT_SECONDS = 30;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    /** Checks a handshake as its authenticated caller and spends the ticket. Empty when refused. */
    public Optional<Grant> accept(String vm, String ticket, String user) {
        Instant now = clock.instant();
        grants.values().removeIf(grant -> grant.until().isBefore(now));
        if (vm == null || ticket == null || ticket.isEmpty() || user == null) {
            return refused(vm, user, "no ticket or nobody signed in");
        }
        VmService.ConsoleGrant granted;
        try {
            granted = vms.openConsole(vm, ticket);
        } catch (VireoException refused) {
            return refused(vm, user, refused.getMessage());
        } catch (EJBAccessException refused) {
            return refused(vm, user, "they may not see VMs");
        }
        Grant grant = new Grant(vm, granted.user(), granted.address(), granted.port(), now.plusSeconds(GRANT_SECONDS));
        grants.put(key(vm, ticket), grant);
        return Optional.of(grant);
    }

    /** The grant an accepted handshake left for the session that opens now, for the same account; once. */
    public Optional<Grant> take(String vm, String ticket, String user) {
        if (ticket == null) {
            return Optional.empty();
        }
        Grant grant = grants.get(key(vm, ticket));
        if (grant == null || !Objects.equals(grant.user(), user) || !grants.remove(key(vm, ticket), grant)) {
            return Optional.empty();
        }
        return grant.until().isBefore(clock.instant()) ? Optional.empty() : Optional.of(grant);
    }

    /** Says why in the server log (never the ticket), for whoever wonders why a console stayed closed. */
    private static Optional<Grant> refused(String vm, String user, String why) {
        LOG.info(() -> "refused the web console of " + vm + " to " + user + ": " + why);
        return Optional.empty();
    }

    ManagedThreadFactory threads() {
        return threads;
    }

    private static String key(String vm, String ticket) {
        return vm + "\n" + ticket;
    }
}
