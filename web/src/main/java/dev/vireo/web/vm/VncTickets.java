package dev.vireo.web.vm;

import dev.vireo.error.VireoException;
import dev.vireo.vm.VmService;
import dev.vireo.vm.VmView;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The web console's one-time tickets. A ticket is the console password the VM's {@code connect}
 * action just set (valid for a few seconds): the WebSocket handshake presents it, and it is
 * accepted once, within its validity, from a caller who may see the VM (the VM service is asked
 * as that caller, so ownership rules are the API's). The accepted handshake leaves a grant — the
 * VNC port to proxy to — that the opening WebSocket session takes.
 */
@ApplicationScoped
public class VncTickets {

    /** What an accepted ticket opens: the VM and the address of its VNC server. */
    public record Grant(String vm, String user, int port, Instant until) {
    }

    @EJB
    VmService vms;

    @Resource
    ManagedThreadFactory threads;

    private static final Logger LOG = Logger.getLogger(VncTickets.class.getName());

    private final Clock clock = Clock.systemUTC();
    /** Tickets already accepted, until they expire (then the VM's password has expired too). */
    private final Map<String, Instant> used = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    /**
     * Checks a handshake as the authenticated caller: the VM exists for them, it shows a console
     * whose current password is this ticket, still valid and never used. Empty when refused.
     */
    public Optional<Grant> accept(String vm, String ticket, String user) {
        Instant now = clock.instant();
        used.values().removeIf(until -> until.isBefore(now));
        grants.values().removeIf(grant -> grant.until().isBefore(now));
        if (vm == null || ticket == null || ticket.isEmpty() || user == null) {
            return refused(vm, user, "no ticket or nobody signed in");
        }
        VmView view;
        try {
            view = vms.get(vm);
        } catch (VireoException | jakarta.ejb.EJBAccessException notTheirs) {
            return refused(vm, user, "no such VM for them");
        }
        VmView.Graphics graphics = view.graphics();
        if (!"vnc".equals(graphics.type()) || graphics.port() == null) {
            return refused(vm, user, "no VNC display");
        }
        if (!ticket.equals(graphics.passwd())) {
            return refused(vm, user, "the ticket is not the VM's current console password");
        }
        Instant validTo = validTo(graphics.passwdValidTo());
        if (validTo == null || !validTo.isAfter(now)) {
            return refused(vm, user, "the ticket expired");
        }
        if (used.putIfAbsent(ticket, validTo) != null) {
            return refused(vm, user, "the ticket was used already");
        }
        Grant grant = new Grant(vm, user, graphics.port(), validTo.plusSeconds(30));
        grants.put(key(vm, ticket), grant);
        return Optional.of(grant);
    }

    /** The grant an accepted handshake left for the session that opens now; once. */
    public Optional<Grant> take(String vm, String ticket) {
        return ticket == null ? Optional.empty() : Optional.ofNullable(grants.remove(key(vm, ticket)));
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

    private static Instant validTo(String passwdValidTo) {
        if (passwdValidTo == null) {
            return null;
        }
        try {
            return Instant.parse(passwdValidTo.endsWith("Z") || passwdValidTo.contains("+") ? passwdValidTo : passwdValidTo + "Z");
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
