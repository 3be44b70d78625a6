package dev.vireo.web.security;

import dev.vireo.security.AccountService;
import dev.vireo.security.PasswordChange;
import dev.vireo.security.UserRequest;
import dev.vireo.security.UserView;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class UserResource {

    @EJB
    AccountService accounts;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "User names; with _user_id, that user's name if it exists (Kimchi), else an empty list")
    public List<String> list(@QueryParam("_user_id") String userId) {
        return userId == null ? accounts.users() : accounts.usersNamed(userId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user (name, password, nick, mail, groups; default group: users); 201")
    public Response create(UserRequest request) {
        ActionBody.required(request);
        return created(accounts.createUser(request));
    }

    @POST
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user named in the path (Nano's form); 201")
    public Response createNamed(@PathParam("name") String name, UserRequest request) {
        ActionBody.required(request);
        return created(accounts.createUser(new UserRequest(name, request.nick(), request.mail(), request.password(),
                request.groups())));
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One user: nick, mail, groups, roles, permissions (never the password)")
    public UserView get(@PathParam("name") String name) {
        return accounts.user(name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change nick and mail (one's own, or anyone's with account.manage) and groups (account.manage)")
    public UserView update(@PathParam("name") String name, UserRequest request) {
        ActionBody.required(request);
        return accounts.updateUser(name, request);
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Remove a user and its tokens and sessions; 409 for the last administrator")
    public Response delete(@PathParam("name") String name) {
        accounts.deleteUser(name);
        return Response.noContent().build();
    }

    @PUT
    @Path("{name}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a password (old and new); ends the user's sessions and API tokens, unless keep_tokens is true")
    public Response changePassword(@PathParam("name") String name, PasswordChange change) {
        ActionBody.required(change);
        accounts.changePassword(name, change);
        return Response.noContent().build();
    }

    private Response created(UserView user) {
        return Response.created(uri.getBaseUriBuilder().path(UserResource.class).path(user.name()).build())
                .entity(user).build();
    }
}
