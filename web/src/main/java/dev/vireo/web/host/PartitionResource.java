package dev.vireo.web.host;

import dev.vireo.host.PartitionService;
import dev.vireo.host.PartitionView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/host/partitions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Host")
public class PartitionResource {

    @EJB
    PartitionService storage;

    @GET
    @Operation(summary = "The host's partitions, disks and LVM volumes; available=false for those the system uses")
    public List<PartitionView> list() {
        return storage.partitions();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One partition")
    public PartitionView get(@PathParam("name") String name) {
        return storage.partition(name);
    }
}
