package dev.vireo.web.security;

import dev.vireo.security.AccessKeyService;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Nano's sessions: sign in with a password, use the session as a bearer secret or cookie, refresh, sign out. */
@ApplicationScoped
@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
public class SessionResource {

    /**
     * Nano's login body; {@code nonce} is accepted and ignored (the password travels over TLS, not
     * hashed). A timeout beyond a long is refused as the body is read; the service names the range.
     */
    public record Login(String user, String password, String nonce, Long timeout) {
    }

    /** What a login answers: the session value (shown this once) and its timeout in seconds. */
    public record Opened(String session, String id, int timeout) {
    }

    public record Refresh(Long timeout) {
    }

    @EJB
    AccessKeyService keys;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in (user, password, optional timeout: 60 to 86400 seconds, default 1800); also sets the session cookie")
    public Response login(Login login) {
        ActionBody.required(login);
        AccessKeyService.Issued session = keys.login(login.user(), login.password(), seconds(login.timeout()),
                request.getRemoteAddr());
        return Response.ok(new Opened(session.value(), session.id(), session.timeout()))
                .cookie(cookie(session.value(), session.timeout()))
                .build();
    }

    @GET
    @Operation(summary = "The caller's live sessions (everyone's for admins and auditors), by id")
    public List<AccessKeyService.SessionView> list() {
        return keys.sessions();
    }

    @GET
    @Path("{session}")
    @Operation(summary = "A session: its user, permissions, groups and expiry")
    public AccessKeyService.SessionView get(@PathParam("session") String session) {
        return keys.session(session);
    }

    @PUT
    @Path("{session}")
    @Operation(summary = "Refresh a session (its user, or account.manage): it lasts its timeout (or the one given, 60 to 86400 s) from now")
    public AccessKeyService.SessionView refresh(@PathParam("session") String session, Refresh refresh) {
        return keys.refresh(session, refresh == null ? null : seconds(refresh.timeout()));
    }

    @DELETE
    @Path("{session}")
    @Operation(summary = "Sign out (its user, or account.manage): the session stops working at once")
    public Response logout(@PathParam("session") String session) {
        keys.logout(session);
        return Response.noContent().cookie(cookie("", 0)).build();
    }

    private static NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(Credentials.SESSION_COOKIE).value(value).path("/").maxAge(maxAge)
                .httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build();
    }

    private static BigDecimal seconds(Long timeout) {
        return timeout == null ? null : BigDecimal.valueOf(timeout);
    }
}
