package dev.vireo.web.zone;

import dev.vireo.zone.ZoneStatusService;
import dev.vireo.zone.ZoneStatusViews;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The zone's status roll-up; a pool's and a host's are at {@code /computepools/{name}/status} and {@code /hosts/{name}/status}. */
@ApplicationScoped
@Path("/zone")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Hosts")
public class ZoneStatusResource {

    @EJB
    ZoneStatusService status;

    @GET
    @Path("status")
    @Operation(summary = "The zone's status: compute pools and hosts (enabled, disabled, alive, down), VMs by state "
            + "(a host that cannot be reached counts its VMs as unknown), CPUs, memory (MiB) and disk (bytes) of the "
            + "hosts that answer and what their VMs take; from the state the hosts' events and the host monitor keep")
    public ZoneStatusViews.ZoneStatus zone() {
        return status.zone();
    }
}
