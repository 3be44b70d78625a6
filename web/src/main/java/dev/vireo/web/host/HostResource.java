package dev.vireo.web.host;

import dev.vireo.host.HostService;
import dev.vireo.host.HostStatsHistory;
import dev.vireo.host.HostStatsView;
import dev.vireo.host.HostView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/host")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Host")
public class HostResource {

    @EJB
    HostService host;

    @GET
    @Operation(summary = "The host: CPUs, memory, distribution, hypervisor and libvirt versions")
    public HostView get() {
        return host.get();
    }

    @GET
    @Path("stats")
    @Operation(summary = "The host's CPU %, memory, disk and network rates (bytes/s) over the last 5 s")
    public HostStatsView stats() {
        return host.stats();
    }

    @GET
    @Path("stats/history")
    @Operation(summary = "The host's statistics of the last hour, one list per measure, oldest first")
    public HostStatsHistory history() {
        return host.history();
    }
}
