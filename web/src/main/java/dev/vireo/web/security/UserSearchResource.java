package dev.vireo.web.security;

import dev.vireo.security.AccountService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/user_search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class UserSearchResource {

    @EJB
    AccountService accounts;

    @GET
    @Operation(summary = "The users of a group, or all users")
    public List<String> search(@QueryParam("group") String group) {
        return accounts.search(group);
    }
}
