package dev.vireo.web.nano;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Nano's users, their passwords and the user search ({@code /nano/users/…}, {@code /nano/user_search/}):
 * Vireo's accounts. A user made here joins the built-in {@code users} group, as a native one does.
 */
@ApplicationScoped
@Path("/nano")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoUsers {

    /** A user as Nano shows it. */
    public record User(String nick, String mail) {
        static User of(UserView view) {
            return new User(view.nick(), view.mail());
        }
    }

    /** Nano's body of a new user; its name is in the path. */
    public record Creation(String nick, String mail, String password) {
    }

    /** Nano's body of a changed user. */
    public record Change(String nick, String mail) {
    }

    /** Nano's password change: the old one (its user must give it), the new one. */
    public record Password(String old, @jakarta.json.bind.annotation.JsonbProperty("new") String newPassword) {
    }

    @EJB
    AccountService accounts;

    @GET
    @Path("users")
    @Operation(summary = "Nano: user names")
    public List<String> list() {
        return accounts.users();
    }

    @GET
    @Path("users/{user}")
    @Operation(summary = "Nano: a user's nick and mail (one's own, or anyone's with account.read)")
    public User get(@PathParam("user") String user) {
        return User.of(accounts.user(user));
    }

    @POST
    @Path("users/{user}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: create a user (password, nick, mail) in the group users")
    public User create(@PathParam("user") String user, Creation creation) {
        ActionBody.required(creation);
        return User.of(accounts.createUser(new UserRequest(user, creation.nick(), creation.mail(), creation.password(), null)));
    }

    @PUT
    @Path("users/{user}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: change a user's nick and mail (one's own, or anyone's with account.manage)")
    public User modify(@PathParam("user") String user, Change change) {
        ActionBody.required(change);
        return User.of(accounts.updateUser(user, new UserRequest(null, change.nick(), change.mail(), null, null)));
    }

    @DELETE
    @Path("users/{user}")
    @Operation(summary = "Nano: remove a user with its sessions and tokens; 409 for the last administrator")
    public Response delete(@PathParam("user") String user) {
        accounts.deleteUser(user);
        return Response.noContent().build();
    }

    @PUT
    @Path("users/{user}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: change a password (old, new): one's own needs the old one; account.manage resets "
            + "another's without it. The user's sessions and tokens end")
    public Response password(@PathParam("user") String user, Password password) {
        ActionBody.required(password);
        accounts.changePassword(user, new PasswordChange(password.old(), password.newPassword(), null));
        return Response.noContent().build();
    }

    @GET
    @Path("user_search")
    @Operation(summary = "Nano: the users of a group, or all users")
    public List<String> search(@QueryParam("group") String group) {
        return accounts.search(group);
    }
}
