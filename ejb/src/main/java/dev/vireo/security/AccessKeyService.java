package dev.vireo.security;

import dev.vireo.audit.AuditLog;
import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.persistence.account.AccessKey;
import dev.vireo.persistence.vmpool.PoolVm;
import dev.vireo.persistence.vmpool.PoolVmState;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * API tokens (vmpooler's {@code /token}) and login sessions (Nano's {@code /sessions}): bearer
 * credentials, shown in full once when issued, afterwards named by their public id. Callers see
 * and revoke their own; callers that see everything see all.
 */
@Stateless
@PermitAll
public class AccessKeyService {

    public static final int DEFAULT_SESSION_SECONDS = 1800;
    static final int MIN_SESSION_SECONDS = 60;
    static final int MAX_SESSION_SECONDS = 86_400;

    /** A credential just issued: the only time its secret value is shown. */
    public record Issued(String id, String value, int timeout) implements Serializable {
    }

    /** A token as vmpooler shows it, with the VMs created with it, by state. */
    public record TokenView(String id, String user, Instant created, Instant last, Map<String, List<String>> vms) {
    }

    /** A session as Nano shows it, with what its user may do. */
    public record SessionView(String session, String user, Instant created, Instant expires, int timeout,
                              List<String> permissions, List<String> groups) {
    }

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    Callers callers;

    @EJB
    Authenticator authenticator;

    @EJB
    AccountDirectory directory;

    @EJB
    HostConnections hosts;

    @EJB
    AuditLog audit;

    private final Clock clock = Clock.systemUTC();

    // tokens

    @Audited("token.create")
    public Issued createToken() {
        Caller caller = authenticatedCaller();
        Secrets.Issued secret = Secrets.issue(Secrets.TOKEN_PREFIX);
        em.persist(new AccessKey(secret.id(), AccessKey.Kind.TOKEN, Secrets.hash(secret.secret()), caller.name(),
                clock.instant()));
        return new Issued(secret.id(), secret.value(), 0);
    }

    public List<TokenView> tokens() {
        return keys(AccessKey.Kind.TOKEN).stream().map(this::tokenView).toList();
    }

    public TokenView token(String idOrValue) {
        return tokenView(visibleKey(AccessKey.Kind.TOKEN, idOrValue));
    }

    @Audited("token.delete")
    public void revokeToken(String idOrValue) {
        em.remove(changeableKey(AccessKey.Kind.TOKEN, idOrValue, "revoke token"));
        directory.changing();
    }

    // sessions

    /** Signs in with a password; answers with a new session and how long it lasts unless refreshed. */
    public Issued login(String user, String password, BigDecimal timeout, String address) {
        if (user == null || password == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, user == null ? "user" : "password");
        }
        int seconds = sessionSeconds(timeout);
        authenticator.password(user, password, address);
        Secrets.Issued secret = Secrets.issue(Secrets.SESSION_PREFIX);
        AccessKey session = new AccessKey(secret.id(), AccessKey.Kind.SESSION, Secrets.hash(secret.secret()), user,
                clock.instant());
        session.expireAfter(seconds, clock.instant());
        em.persist(session);
        audit.recordLogin(user, address, AuditLog.OK, "session " + secret.id());
        return new Issued(secret.id(), secret.value(), seconds);
    }

    public List<SessionView> sessions() {
        Instant now = clock.instant();
        return keys(AccessKey.Kind.SESSION).stream().filter(key -> !key.expiredAt(now)).map(this::sessionView).toList();
    }

    public SessionView session(String idOrValue) {
        return sessionView(liveSession(visibleKey(AccessKey.Kind.SESSION, idOrValue)));
    }

    /** Nano's PUT: the session lasts its timeout (or a new one) from now. */
    @Audited("session.refresh")
    public SessionView refresh(String idOrValue, BigDecimal timeout) {
        AccessKey session = liveSession(changeableKey(AccessKey.Kind.SESSION, idOrValue, "refresh session"));
        session.expireAfter(timeout == null ? session.getTimeoutSeconds() : sessionSeconds(timeout), clock.instant());
        directory.changing();
        return sessionView(session);
    }

    @Audited("session.delete")
    public void logout(String idOrValue) {
        em.remove(changeableKey(AccessKey.Kind.SESSION, idOrValue, "end session"));
        directory.changing();
    }

    /** Ended sessions are refused when presented; this removes them for good (job {@code session-expiry}); how many. */
    public int removeExpired() {
        return em.createNamedQuery(AccessKey.DELETE_EXPIRED).setParameter("now", clock.instant()).executeUpdate();
    }

    private AccessKey liveSession(AccessKey session) {
        if (session.expiredAt(clock.instant())) {
            throw new VireoException(ErrorCode.SESSION_NOT_FOUND, session.getId());
        }
        return session;
    }

    private List<AccessKey> keys(AccessKey.Kind kind) {
        Caller caller = authenticatedCaller();
        return em.createNamedQuery(AccessKey.OF_OWNER, AccessKey.class)
                .setParameter("kind", kind)
                .setParameter("owner", caller.seesEverything() ? null : caller.name())
                .getResultList();
    }

    /** The key by public id or full value, if the caller may see it; else 404 (no existence leak). */
    private AccessKey visibleKey(AccessKey.Kind kind, String idOrValue) {
        Caller caller = authenticatedCaller();
        String id = Secrets.parse(idOrValue).map(Secrets.Presented::id).orElse(idOrValue);
        AccessKey key = id == null ? null : em.find(AccessKey.class, id);
        if (key == null || key.getKind() != kind || !caller.mayUseOwnedBy(key.getOwner())) {
            throw new VireoException(kind == AccessKey.Kind.TOKEN ? ErrorCode.TOKEN_NOT_FOUND : ErrorCode.SESSION_NOT_FOUND,
                    id == null ? "" : id);
        }
        return key;
    }

    /**
     * The key, if the caller may end or change it: its owner, or an account manager. Seeing it is
     * not enough (auditors see every key): a key the caller sees but may not change is a 403, one
     * it does not see a 404, as for VMs.
     */
    private AccessKey changeableKey(AccessKey.Kind kind, String idOrValue, String what) {
        AccessKey key = visibleKey(kind, idOrValue);
        Caller caller = authenticatedCaller();
        if (!caller.name().equals(key.getOwner()) && !caller.has(Permission.ACCOUNT_MANAGE)) {
            throw new VireoException(ErrorCode.NOT_ALLOWED, caller.name(), what + " " + key.getId() + " of " + key.getOwner());
        }
        return key;
    }

    private Caller authenticatedCaller() {
        Caller caller = callers.current();
        if (caller.isAnonymous()) {
            throw new VireoException(ErrorCode.NOT_AUTHENTICATED);
        }
        return caller;
    }

    private TokenView tokenView(AccessKey key) {
        Map<String, List<String>> vms = hosts.local().domains().list().stream()
                .filter(domain -> key.getId().equals(domain.definition().metadata().token()))
                .collect(Collectors.groupingBy(domain -> domain.state().apiName(), TreeMap::new,
                        Collectors.mapping(DomainSummary::name, Collectors.toCollection(ArrayList::new))));
        // and the VMs checked out of VM pools with it, as vmpooler lists them: running
        em.createNamedQuery(PoolVm.OF_TOKEN, PoolVm.class).setParameter("token", key.getId()).getResultStream()
                .filter(vm -> vm.getState() == PoolVmState.RUNNING)
                .forEach(vm -> vms.computeIfAbsent("running", state -> new ArrayList<>()).add(vm.getHostname()));
        return new TokenView(key.getId(), key.getOwner(), key.getCreated(), key.getLastUsed(), vms);
    }

    private SessionView sessionView(AccessKey key) {
        Caller owner = directory.callerNamed(key.getOwner());
        return new SessionView(key.getId(), key.getOwner(), key.getCreated(), key.getExpires(), key.getTimeoutSeconds(),
                owner.permissions().stream().sorted().toList(), owner.groups().stream().sorted().toList());
    }

    /** A timeout as sent, exact (JSON numbers of any size): a whole number of seconds in range, else 400. */
    static int sessionSeconds(BigDecimal timeout) {
        if (timeout == null) {
            return DEFAULT_SESSION_SECONDS;
        }
        if (timeout.compareTo(BigDecimal.valueOf(MIN_SESSION_SECONDS)) < 0
                || timeout.compareTo(BigDecimal.valueOf(MAX_SESSION_SECONDS)) > 0
                || timeout.stripTrailingZeros().scale() > 0) {
            throw new VireoException(ErrorCode.INVALID_TIMEOUT, timeout.toPlainString());
        }
        return timeout.intValueExact();
    }
}
