package dev.vireo.web.audit;

import dev.vireo.audit.AuditEntryView;
import dev.vireo.audit.AuditLog;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Nano's log: the audit entries, newest first; POST adds one. */
@Path("/logs")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit log")
public class LogResource {

    /** Nano's way of writing a time (UTC). */
    public static final DateTimeFormatter NANO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public record Entry(String format, String content) {
    }

    @EJB
    AuditLog log;

    @GET
    @Operation(summary = "Audit entries, newest first: limit (default 100), start offset, after/before "
            + "(ISO-8601, 'yyyy-MM-dd HH:mm:ss' or a date; UTC), user and action (exact names)")
    public List<AuditEntryView> query(@QueryParam("limit") String limit, @QueryParam("start") String start,
                                      @QueryParam("after") String after, @QueryParam("before") String before,
                                      @QueryParam("user") String user, @QueryParam("action") String action) {
        return log.query(whole("limit", limit), whole("start", start), instant("after", after), instant("before", before),
                user, action);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an entry (format 'string', content); 201")
    public Response add(Entry entry) {
        ActionBody.required(entry);
        return Response.status(Response.Status.CREATED).entity(log.add(entry.format(), entry.content())).build();
    }

    /** A whole number of the int range: a number beyond it is refused naming the parameter, never wrapped. */
    public static Integer whole(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new VireoException(ErrorCode.INVALID_LOG_QUERY, field + " must be a whole number from 0 to "
                    + Integer.MAX_VALUE);
        }
    }

    /** A time as a query gives it: ISO-8601, Nano's 'yyyy-MM-dd HH:mm:ss' or a date (UTC); else 400 naming it. */
    public static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDateTime.parse(value, NANO_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notNano) {
                try {
                    return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw new VireoException(ErrorCode.INVALID_LOG_QUERY, field + " '" + value
                            + "' is not a time (use ISO-8601, 'yyyy-MM-dd HH:mm:ss' or yyyy-MM-dd)");
                }
            }
        }
    }
}
