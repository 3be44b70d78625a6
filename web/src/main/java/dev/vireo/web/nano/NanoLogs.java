package dev.vireo.web.nano;

import dev.vireo.audit.AuditEntryView;
import dev.vireo.audit.AuditLog;
import dev.vireo.web.ActionBody;
import dev.vireo.web.audit.LogResource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Nano's log ({@code /nano/logs/}): Vireo's audit log, newest first; an entry added here names the caller as its author. */
@ApplicationScoped
@Path("/nano/logs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoLogs {

    /** An entry as Nano shows it: when (UTC, 'yyyy-MM-dd HH:mm:ss') and what. */
    public record Entry(String time, String content) {
        static Entry of(AuditEntryView view) {
            return new Entry(LogResource.NANO_TIME.format(view.time().atOffset(ZoneOffset.UTC)), view.content());
        }
    }

    @EJB
    AuditLog log;

    @GET
    @Operation(summary = "Nano: audit entries, newest first: limit (default 100, at most 1000), start offset, "
            + "after/before ('yyyy-MM-dd HH:mm:ss', ISO-8601 or a date; UTC)")
    public List<Entry> query(@QueryParam("limit") String limit, @QueryParam("start") String start,
                             @QueryParam("after") String after, @QueryParam("before") String before) {
        return log.query(LogResource.whole("limit", limit), LogResource.whole("start", start),
                LogResource.instant("after", after), LogResource.instant("before", before), null, null)
                .stream().map(Entry::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: add an entry (format 'string', content) written by the caller")
    public Entry add(LogResource.Entry entry) {
        ActionBody.required(entry);
        return Entry.of(log.add(entry.format(), entry.content()));
    }
}
