package dev.vireo.web.host;

import dev.vireo.host.OvsBridgeService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/ovsbridges")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Host")
public class OvsBridgeResource {

    @EJB
    OvsBridgeService bridges;

    @GET
    @Operation(summary = "The names of the host's Open vSwitch bridges; empty without Open vSwitch")
    public List<String> list() {
        return bridges.bridges();
    }
}
