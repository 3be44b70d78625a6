package dev.vireo.web.host;

import dev.vireo.host.PartitionService;
import dev.vireo.host.VolumeGroupView;
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
@Path("/host/vgs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Host")
public class VolumeGroupResource {

    @EJB
    PartitionService storage;

    @GET
    @Operation(summary = "The host's LVM volume groups; empty without LVM")
    public List<VolumeGroupView> list() {
        return storage.volumeGroups();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One volume group")
    public VolumeGroupView get(@PathParam("name") String name) {
        return storage.volumeGroup(name);
    }
}
