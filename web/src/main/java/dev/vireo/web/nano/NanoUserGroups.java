package dev.vireo.web.nano;

import dev.vireo.security.AccountService;
import dev.vireo.security.GroupRequest;
import dev.vireo.security.GroupView;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Nano's user groups and their members ({@code /nano/user_groups/…}): Vireo's user groups. */
@ApplicationScoped
@Path("/nano/user_groups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoUserGroups {

    /** Nano's body of a new or changed group; its name is in the path. */
    public record Group(String display, List<String> role) {
    }

    @EJB
    AccountService accounts;

    @GET
    @Operation(summary = "Nano: user groups with their display names and member counts")
    public List<GroupView.Summary> list() {
        return accounts.groups();
    }

    @GET
    @Path("{group}")
    @Operation(summary = "Nano: one group: display, roles, members")
    public GroupView get(@PathParam("group") String group) {
        return accounts.group(group);
    }

    @POST
    @Path("{group}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: add a user group (display, role)")
    public GroupView create(@PathParam("group") String group, Group body) {
        ActionBody.required(body);
        return accounts.createGroup(new GroupRequest(group, body.display(), body.role()));
    }

    @PUT
    @Path("{group}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: change a group's display name and roles (a built-in group's roles are fixed)")
    public GroupView modify(@PathParam("group") String group, Group body) {
        ActionBody.required(body);
        return accounts.updateGroup(group, new GroupRequest(null, body.display(), body.role()));
    }

    @DELETE
    @Path("{group}")
    @Operation(summary = "Nano: remove a group (not a built-in one)")
    public Response delete(@PathParam("group") String group) {
        accounts.deleteGroup(group);
        return Response.noContent().build();
    }

    @GET
    @Path("{group}/members")
    @Operation(summary = "Nano: the group's members")
    public List<String> members(@PathParam("group") String group) {
        return accounts.members(group);
    }

    @POST
    @Path("{group}/members/{user}")
    @Operation(summary = "Nano: add a user to the group; answers its members")
    public List<String> addMember(@PathParam("group") String group, @PathParam("user") String user) {
        return accounts.addMember(group, user);
    }

    @DELETE
    @Path("{group}/members/{user}")
    @Operation(summary = "Nano: remove a user from the group; 409 for the last administrator")
    public Response removeMember(@PathParam("group") String group, @PathParam("user") String user) {
        accounts.removeMember(group, user);
        return Response.noContent().build();
    }
}
