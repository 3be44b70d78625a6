package dev.vireo.web.nano;

import dev.vireo.security.AccessKeyService;
import dev.vireo.web.ActionBody;
import dev.vireo.web.security.SessionResource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Nano's sessions ({@code /nano/sessions/…}): Vireo's login sessions. The {@code session} a sign-in
 * answers is the secret to present afterwards ({@code Authorization: Bearer …}); lists and other
 * answers name sessions by their public id, and a path takes either.
 */
@ApplicationScoped
@Path("/nano/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoSessions {

    /** What a sign-in answers: the session (shown this once) and how many seconds it lasts unless refreshed. */
    public record Opened(String session, int timeout) {
    }

    /** What a session may do, as Nano's console asks before it draws its menus. */
    public record Authentication(List<String> menu, List<String> resource, String user) {
        static Authentication of(AccessKeyService.SessionView session) {
            return new Authentication(NanoMenu.openedBy(session.permissions()), session.permissions(), session.user());
        }
    }

    /** A refreshed session: its user and the seconds it lasts from now. */
    public record Refreshed(String user, int timeout) {
    }

    @EJB
    AccessKeyService keys;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(summary = "Nano: the ids of the caller's live sessions (everyone's for admins and auditors)")
    public List<String> list() {
        return keys.sessions().stream().map(AccessKeyService.SessionView::session).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: sign in (user, password; nonce is ignored; optional timeout 60 to 86400 s, default 1800)")
    public Opened login(SessionResource.Login login) {
        ActionBody.required(login);
        AccessKeyService.Issued session = keys.login(login.user(), login.password(),
                login.timeout() == null ? null : BigDecimal.valueOf(login.timeout()), request.getRemoteAddr());
        return new Opened(session.value(), session.timeout());
    }

    @GET
    @Path("{session}")
    @Operation(summary = "Nano: a live session's user, the menus it opens and its permissions (resource)")
    public Authentication get(@PathParam("session") String session) {
        return Authentication.of(keys.session(session));
    }

    /** Nano's refresh sends no body; Vireo's optional {@code {"timeout": seconds}} gives a new timeout. */
    @PUT
    @Path("{session}")
    @Operation(summary = "Nano: refresh a session (its user, or account.manage): it lasts its timeout "
            + "(or the one given: {\"timeout\": 60 to 86400}) from now")
    public Refreshed refresh(@PathParam("session") String session, String body) {
        Integer timeout = ActionBody.optionalInteger(body, "timeout");
        AccessKeyService.SessionView refreshed = keys.refresh(session, timeout == null ? null : BigDecimal.valueOf(timeout));
        return new Refreshed(refreshed.user(), refreshed.timeout());
    }
}
