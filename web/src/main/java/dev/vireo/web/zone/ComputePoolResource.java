package dev.vireo.web.zone;

import dev.vireo.web.ActionBody;
import dev.vireo.zone.ComputePoolRequest;
import dev.vireo.zone.ComputePoolService;
import dev.vireo.zone.ComputePoolUpdate;
import dev.vireo.zone.ComputePoolView;
import dev.vireo.zone.ZoneStatusService;
import dev.vireo.zone.ZoneStatusViews;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/computepools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Hosts")
public class ComputePoolResource {

    @EJB
    ZoneStatusService status;

    @EJB
    ComputePoolService pools;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The compute pools and their hosts")
    public List<ComputePoolView> list() {
        return pools.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a compute pool (name; hosts moved into it; storage, network, network_mode "
            + "plain|share|mono, failover, enabled); 201")
    public Response create(ComputePoolRequest request) {
        ActionBody.required(request);
        ComputePoolView created = pools.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One compute pool")
    public ComputePoolView get(@PathParam("name") String name) {
        return pools.get(name);
    }

    @GET
    @Path("{name}/status")
    @Operation(summary = "The compute pool's status: its hosts (enabled, disabled, alive, down), VMs by state, CPUs, "
            + "memory (MiB) and disk (bytes) of its hosts that answer and what their VMs take")
    public ZoneStatusViews.PoolStatus status(@PathParam("name") String name) {
        return status.pool(name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a compute pool: enabled, storage, network (empty clears), network_mode, failover")
    public ComputePoolView update(@PathParam("name") String name, ComputePoolUpdate update) {
        ActionBody.required(update);
        return pools.update(name, update);
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Remove an empty compute pool (never default); 409 while it holds hosts")
    public Response delete(@PathParam("name") String name) {
        pools.delete(name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/hosts/{host}")
    @Operation(summary = "Move a host into the pool")
    public ComputePoolView addHost(@PathParam("name") String name, @PathParam("host") String host, String body) {
        ActionBody.requireNoParameters(body);
        return pools.addHost(name, host);
    }

    @DELETE
    @Path("{name}/hosts/{host}")
    @Operation(summary = "Take a host out of the pool: it stays registered, in no pool")
    public ComputePoolView removeHost(@PathParam("name") String name, @PathParam("host") String host) {
        return pools.removeHost(name, host);
    }
}
