package dev.vireo.web.security;

import dev.vireo.security.AccountService;
import dev.vireo.security.RoleRequest;
import dev.vireo.security.RoleView;
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
@Path("/roles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class RoleResource {

    @EJB
    AccountService accounts;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "Role names (built in: admin, user, auditor)")
    public List<String> list() {
        return accounts.roles();
    }

    @GET
    @Path("_permissions")
    @Operation(summary = "Every permission a role can grant")
    public List<String> permissions() {
        return accounts.permissions();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a role (name, permissions); 201")
    public Response create(RoleRequest request) {
        ActionBody.required(request);
        return created(accounts.createRole(request));
    }

    @POST
    @Path("{role}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a role named in the path (Nano's form); 201")
    public Response createNamed(@PathParam("role") String role, RoleRequest request) {
        ActionBody.required(request);
        return created(accounts.createRole(new RoleRequest(role, request.permissions())));
    }

    @GET
    @Path("{role}")
    @Operation(summary = "One role and its permissions")
    public RoleView get(@PathParam("role") String role) {
        return accounts.role(role);
    }

    @PUT
    @Path("{role}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a role's permissions (not a built-in role's)")
    public RoleView update(@PathParam("role") String role, RoleRequest request) {
        ActionBody.required(request);
        return accounts.updateRole(role, request);
    }

    @DELETE
    @Path("{role}")
    @Operation(summary = "Remove a role no group has (not a built-in one)")
    public Response delete(@PathParam("role") String role) {
        accounts.deleteRole(role);
        return Response.noContent().build();
    }

    private Response created(RoleView role) {
        return Response.created(uri.getBaseUriBuilder().path(RoleResource.class).path(role.name()).build())
                .entity(role).build();
    }
}
