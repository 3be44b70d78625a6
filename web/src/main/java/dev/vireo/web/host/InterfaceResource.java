package dev.vireo.web.host;

import dev.vireo.host.InterfaceService;
import dev.vireo.host.InterfaceView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/interfaces")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Host")
public class InterfaceResource {

    @EJB
    InterfaceService interfaces;

    @GET
    @Operation(summary = "The host's network interfaces; _inuse=true those a libvirt network takes, false the others")
    public List<InterfaceView> list(@QueryParam("_inuse") String inUse) {
        return interfaces.list(inUse);
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One host network interface")
    public InterfaceView get(@PathParam("name") String name) {
        return interfaces.get(name);
    }
}
