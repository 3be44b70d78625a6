package dev.vireo.web.audit;

import dev.vireo.audit.AuditEntryView;
import dev.vireo.audit.AuditLog;
import dev.vireo.error.VireoException;
import dev.vireo.web.console.FacesErrors;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The audit log for callers with {@code audit.read}: newest first, a page of {@code limit} entries
 * from {@code start}, optionally only after and/or before a moment (UTC), by one user, of one action.
 */
@Named
@ViewScoped
public class AuditLogView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    AuditLog audit;

    private int limit = 50;
    private int start;
    private LocalDateTime after;
    private LocalDateTime before;
    private String user;
    private String action;
    private transient List<AuditEntryView> entries;

    public List<AuditEntryView> getEntries() {
        if (entries == null) {
            try {
                entries = audit.query(limit, start, instant(after), instant(before), user, action);
            } catch (VireoException e) {
                entries = List.of();
                FacesErrors.show(e);
            }
        }
        return entries;
    }

    /** Before each render: read again, so that the newest entries show. */
    public void refresh() {
        entries = null;
    }

    public void filter() {
        start = 0;
        entries = null;
    }

    public void clear() {
        after = null;
        before = null;
        user = null;
        action = null;
        filter();
    }

    public void newer() {
        start = Math.max(0, start - limit);
        entries = null;
    }

    public void older() {
        start += limit;
        entries = null;
    }

    public boolean isHasNewer() {
        return start > 0;
    }

    /** A full page suggests there are more. */
    public boolean isHasOlder() {
        return getEntries().size() >= limit;
    }

    public int getFirst() {
        return getEntries().isEmpty() ? start : start + 1;
    }

    public int getLast() {
        return start + getEntries().size();
    }

    private static Instant instant(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    public int getLimit() { return limit; }
    public void setLimit(int limit) { this.limit = limit; }
    public int getStart() { return start; }
    public void setStart(int start) { this.start = start; }
    public LocalDateTime getAfter() { return after; }
    public void setAfter(LocalDateTime after) { this.after = after; }
    public LocalDateTime getBefore() { return before; }
    public void setBefore(LocalDateTime before) { this.before = before; }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
}
