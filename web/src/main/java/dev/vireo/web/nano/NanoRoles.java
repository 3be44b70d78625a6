package dev.vireo.web.nano;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Nano's roles ({@code /nano/roles/…}): Vireo's roles, their permissions shown and given as Nano's
 * menus ({@link NanoMenu}) and, in {@code resource}, as Vireo's permission names.
 */
@ApplicationScoped
@Path("/nano/roles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoRoles {

    /** A role as Nano shows it: the menus it opens, and the permissions it grants. */
    public record Role(List<String> menu, List<String> resource) {
        static Role of(RoleView view) {
            return new Role(NanoMenu.openedBy(view.permissions()), view.permissions());
        }
    }

    /** Nano's body of a new or changed role: menus, and (Vireo's addition) permissions by name. */
    public record Access(List<String> menu, List<String> resource) {
        RoleRequest request(String role) {
            if (menu == null && resource == null) {
                throw new VireoException(ErrorCode.MISSING_FIELD, "menu");
            }
            // the service names a permission it does not know, null included
            Set<String> permissions = new LinkedHashSet<>(NanoMenu.grantedBy(menu == null ? List.of() : menu));
            permissions.addAll(resource == null ? List.of() : resource);
            return new RoleRequest(role, new ArrayList<>(permissions));
        }
    }

    @EJB
    AccountService accounts;

    @GET
    @Operation(summary = "Nano: role names")
    public List<String> list() {
        return accounts.roles();
    }

    @GET
    @Path("{role}")
    @Operation(summary = "Nano: the menus a role opens and its permissions (resource)")
    public Role get(@PathParam("role") String role) {
        return Role.of(accounts.role(role));
    }

    @POST
    @Path("{role}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: add a role (menu, and/or resource: Vireo permission names)")
    public Role create(@PathParam("role") String role, Access access) {
        return Role.of(accounts.createRole(ActionBody.required(access).request(role)));
    }

    @PUT
    @Path("{role}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: give a role these menus (and/or resource permissions) instead of its own; not a built-in role")
    public Role modify(@PathParam("role") String role, Access access) {
        return Role.of(accounts.updateRole(role, ActionBody.required(access).request(role)));
    }

    @DELETE
    @Path("{role}")
    @Operation(summary = "Nano: remove a role no group has (not a built-in one)")
    public Response delete(@PathParam("role") String role) {
        accounts.deleteRole(role);
        return Response.noContent().build();
    }
}
