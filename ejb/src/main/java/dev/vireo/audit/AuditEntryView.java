package dev.vireo.audit;

import dev.vireo.persistence.audit.AuditEvent;
import java.io.Serializable;
import java.time.Instant;

/**
 * An audit entry as the API shows it; {@code content} is Nano's one-line description.
 */
public record AuditEntryView(long id, Instant time, String user, String action, String target, String result,
                             String address, String content) implements Serializable {

    static AuditEntryView of(AuditEvent event) {
        String content = event.getContent() != null && event.getAction().equals("log.add") ? event.getContent()
                : event.getActor() + " " + event.getAction() + (event.getTarget() == null ? "" : " " + event.getTarget())
                + ": " + event.getResult() + (event.getContent() == null ? "" : " (" + event.getContent() + ")");
        return new AuditEntryView(event.getId(), event.getTime(), event.getActor(), event.getAction(),
                event.getTarget(), event.getResult(), event.getAddress(), content);
    }
}
