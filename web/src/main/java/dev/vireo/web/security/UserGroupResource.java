package dev.vireo.web.security;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/user_groups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class UserGroupResource {

    @EJB
    AccountService accounts;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "User groups with their display names and member counts")
    public List<GroupView.Summary> list() {
        return accounts.groups();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a group (name, display, role); 201")
    public Response create(GroupRequest request) {
        ActionBody.required(request);
        return created(accounts.createGroup(request));
    }

    @POST
    @Path("{group}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a group named in the path (Nano's form); 201")
    public Response createNamed(@PathParam("group") String group, GroupRequest request) {
        ActionBody.required(request);
        return created(accounts.createGroup(new GroupRequest(group, request.display(), request.role())));
    }

    @GET
    @Path("{group}")
    @Operation(summary = "One group: display, roles, members")
    public GroupView get(@PathParam("group") String group) {
        return accounts.group(group);
    }

    @PUT
    @Path("{group}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a group's display name and roles")
    public GroupView update(@PathParam("group") String group, GroupRequest request) {
        ActionBody.required(request);
        return accounts.updateGroup(group, request);
    }

    @DELETE
    @Path("{group}")
    @Operation(summary = "Remove a group (not a built-in one)")
    public Response delete(@PathParam("group") String group) {
        accounts.deleteGroup(group);
        return Response.noContent().build();
    }

    @GET
    @Path("{group}/members")
    @Operation(summary = "The group's members")
    public List<String> members(@PathParam("group") String group) {
        return accounts.members(group);
    }

    @POST
    @Path("{group}/members/{user}")
    @Operation(summary = "Add a user to the group")
    public List<String> addMember(@PathParam("group") String group, @PathParam("user") String user) {
        return accounts.addMember(group, user);
    }

    @DELETE
    @Path("{group}/members/{user}")
    @Operation(summary = "Remove a user from the group; 409 for the last administrator")
    public Response removeMember(@PathParam("group") String group, @PathParam("user") String user) {
        accounts.removeMember(group, user);
        return Response.noContent().build();
    }

    private Response created(GroupView group) {
        return Response.created(uri.getBaseUriBuilder().path(UserGroupResource.class).path(group.name()).build())
                .entity(group).build();
    }
}
