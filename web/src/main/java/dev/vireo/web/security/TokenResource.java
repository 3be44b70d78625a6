package dev.vireo.web.security;

import dev.vireo.security.AccessKeyService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * vmpooler's token operations, in its shapes ({@code {"ok": true, <token>: {…}}}), except that a
 * token is shown in full only when created and named by its public id afterwards.
 */
@ApplicationScoped
@Path("/token")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens")
public class TokenResource {

    @EJB
    AccessKeyService keys;

    @GET
    @Operation(summary = "The caller's tokens (everyone's for admins and auditors), by id")
    public Map<String, Object> list() {
        Map<String, Object> answer = ok();
        keys.tokens().forEach(token -> answer.put(token.id(), details(token, false)));
        return answer;
    }

    @POST
    @Operation(summary = "Issue a token: its value is shown this once; send it as X-AUTH-TOKEN or Authorization: Bearer")
    public Map<String, Object> create() {
        Map<String, Object> answer = ok();
        AccessKeyService.Issued token = keys.createToken();
        answer.put("token", token.value());
        answer.put("id", token.id());
        return answer;
    }

    @GET
    @Path("{token}")
    @Operation(summary = "A token (by id or value): user, created, last use, and the VMs created with it, by state")
    public Map<String, Object> get(@PathParam("token") String token) {
        AccessKeyService.TokenView view = keys.token(token);
        Map<String, Object> answer = ok();
        answer.put(view.id(), details(view, true));
        return answer;
    }

    @DELETE
    @Path("{token}")
    @Operation(summary = "Revoke a token (its user, or account.manage): it stops working at once")
    public Map<String, Object> delete(@PathParam("token") String token) {
        keys.revokeToken(token);
        return ok();
    }

    private static Map<String, Object> ok() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        return answer;
    }

    private static Map<String, Object> details(AccessKeyService.TokenView token, boolean withVms) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user", token.user());
        details.put("created", token.created().toString());
        if (token.last() != null) {
            details.put("last", token.last().toString());
        }
        if (withVms) {
            details.put("vms", token.vms());
        }
        return details;
    }
}
