package dev.vireo.audit;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.audit.AuditEvent;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit log: who did what to which resource, when, and how it ended. */
@Stateless
@PermitAll
public class AuditLog {

    public static final String OK = "ok";
    static final int MAX_LIMIT = 1000;

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    Callers callers;

    private final Clock clock = Clock.systemUTC();

    /** Records a change by the current caller, in the caller's transaction: it stays only if the change does. */
    public void record(String action, String target, String result, String content) {
        em.persist(new AuditEvent(clock.instant(), callers.current().name(), action, target, result, null, content));
    }

    /**
     * Records what ended on someone's behalf, without a caller of theirs (a task's outcome), in the
     * current transaction.
     */
    public void recordFor(String actor, String action, String target, String result, String content) {
        em.persist(new AuditEvent(clock.instant(), actor, action, target, result, null, content));
    }

    /** Records a failed or refused attempt, which has no transaction of its own to join. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordAlone(String action, String target, String result, String content) {
        em.persist(new AuditEvent(clock.instant(), callers.current().name(), action, target, result, null, content));
    }

    /** Records a login attempt (the caller is not authenticated yet, so the actor is the name given). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordLogin(String user, String address, String result, String content) {
        em.persist(new AuditEvent(clock.instant(), user, "login", user, result, address, content));
    }

    /** Nano's POST /logs: an entry written by a client, e.g. a job reporting what it did. */
    @RolesAllowed(Permission.AUDIT_WRITE)
    public AuditEntryView add(String format, String content) {
        if (content == null || content.isBlank()) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "content");
        }
        if (format != null && !format.equals("string")) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "format", format + " (only 'string' is supported)");
        }
        AuditEvent event = new AuditEvent(clock.instant(), callers.current().name(), "log.add", null, OK, null, content);
        em.persist(event);
        return AuditEntryView.of(event);
    }

    /**
     * Entries, newest first: at most {@code limit} (default 100, at most 1000) from offset
     * {@code start}, optionally only after and/or before an instant, only by one user and only of
     * one action (exact names; null or blank: any).
     */
    @RolesAllowed(Permission.AUDIT_READ)
    public List<AuditEntryView> query(Integer limit, Integer start, Instant after, Instant before, String user,
                                      String action) {
        int max = limit == null ? 100 : limit;
        int offset = start == null ? 0 : start;
        if (max < 1 || max > MAX_LIMIT) {
            throw new VireoException(ErrorCode.INVALID_LOG_QUERY, "limit must be 1 to " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new VireoException(ErrorCode.INVALID_LOG_QUERY, "start must not be negative");
        }
        // only the filters given: PostgreSQL cannot type a null parameter in "(:after is null or …)"
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<AuditEvent> query = cb.createQuery(AuditEvent.class);
        Root<AuditEvent> event = query.from(AuditEvent.class);
        List<Predicate> filters = new ArrayList<>();
        if (after != null) {
            filters.add(cb.greaterThan(event.get("time"), after));
        }
        if (before != null) {
            filters.add(cb.lessThan(event.get("time"), before));
        }
        if (blankToNull(user) != null) {
            filters.add(cb.equal(event.get("actor"), blankToNull(user)));
        }
        if (blankToNull(action) != null) {
            filters.add(cb.equal(event.get("action"), blankToNull(action)));
        }
        query.where(filters.toArray(Predicate[]::new)).orderBy(cb.desc(event.get("time")), cb.desc(event.get("id")));
        return em.createQuery(query).setFirstResult(offset).setMaxResults(max).getResultList().stream()
                .map(AuditEntryView::of).toList();
    }

    /** Removes the entries written before {@code before} (job {@code audit-retention}); how many. */
    public int removeBefore(Instant before) {
        return em.createQuery("delete from AuditEvent e where e.time < :before").setParameter("before", before)
                .executeUpdate();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
