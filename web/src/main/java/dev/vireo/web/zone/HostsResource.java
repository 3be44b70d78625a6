package dev.vireo.web.zone;

import dev.vireo.task.TaskView;
import dev.vireo.web.ActionBody;
import dev.vireo.web.task.Accepted;
import dev.vireo.zone.HostRegistry;
import dev.vireo.zone.HostRequest;
import dev.vireo.zone.HostUpdate;
import dev.vireo.zone.ManagedHostView;
import dev.vireo.zone.ZoneStatusService;
import dev.vireo.zone.ZoneStatusViews;
import dev.vireo.zone.VmMigrations;
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
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The zone's hosts (Nano's cells); {@code /host} is the default host's own details, as in Kimchi. */
@ApplicationScoped
@Path("/hosts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Hosts")
public class HostsResource {

    @EJB
    ZoneStatusService status;

    @EJB
    HostRegistry hosts;

    @EJB
    VmMigrations evacuations;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The libvirt hosts Vireo manages, with their compute pool; the default one is the host of "
            + "VIREO_LIBVIRT_URI")
    public List<ManagedHostView> list() {
        return hosts.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a host by name and libvirt URI (qemu:///system, qemu+ssh://host/system, "
            + "qemu+tls://host/system, qemu+unix:///system?socket=…, test:///path/host.xml) in a compute pool "
            + "(default: default); 201")
    public Response register(HostRequest request) {
        ActionBody.required(request);
        ManagedHostView created = hosts.register(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One host")
    public ManagedHostView get(@PathParam("name") String name) {
        return hosts.get(name);
    }

    @GET
    @Path("{name}/status")
    @Operation(summary = "The host's status: alive or not and since when, when it was last read, its VMs by state "
            + "(unknown while it cannot be reached), its CPUs, memory (MiB) and disk (bytes) and what its VMs take")
    public ZoneStatusViews.CellStatus status(@PathParam("name") String name) {
        return status.cell(name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable or disable a host (a disabled host takes no new VMs), or give it a new URI "
            + "(not the default host)")
    public ManagedHostView update(@PathParam("name") String name, HostUpdate update) {
        ActionBody.required(update);
        return hosts.update(name, update);
    }

    @POST
    @Path("{name}/evacuate")
    @Operation(summary = "Disable the host, then move every VM off it (to: a host; computepool: a pool; default: the "
            + "best other host of its pool): 202 with the task, whose message says what became of each VM")
    public Response evacuate(@PathParam("name") String name, String body) {
        Map<String, String> where = ActionBody.optionalStrings(body, "to", "computepool");
        TaskView task = evacuations.evacuate(name, where.get("to"), where.get("computepool"));
        return Accepted.task(uri, task);
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Forget a host (never the default host)")
    public Response remove(@PathParam("name") String name) {
        hosts.remove(name);
        return Response.noContent().build();
    }
}
