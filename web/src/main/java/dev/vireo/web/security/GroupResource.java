package dev.vireo.web.security;

import dev.vireo.security.AccountService;
import dev.vireo.security.GroupView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Kimchi's view of the user groups: their names, for sharing VMs through {@code groups}. */
@ApplicationScoped
@Path("/groups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class GroupResource {

    @EJB
    AccountService accounts;

    @GET
    @Operation(summary = "The names of the user groups")
    public List<String> list() {
        return accounts.groups().stream().map(GroupView.Summary::name).toList();
    }
}
