package dev.vireo.web.nano;

import dev.vireo.web.ActionBody;
import dev.vireo.zone.CellResources;
import dev.vireo.zone.ComputePoolRequest;
import dev.vireo.zone.ComputePoolService;
import dev.vireo.zone.ComputePoolUpdate;
import dev.vireo.zone.ComputePoolView;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Nano's compute pools ({@code /nano/compute_pools/…}), over the zone's compute pool service. */
@ApplicationScoped
@Path("/nano/compute_pools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoComputePools {

    /**
     * A compute pool as Nano shows it, and Vireo's {@code unattached}: the cells that lack its storage or
     * network, and why (null in the list of pools, which asks no cell).
     */
    public record Pool(String name, boolean enabled, int cells, String storage, String network, boolean failover,
                       List<CellResources.Unattached> unattached, String addressPool) {
        static Pool of(ComputePoolView view) {
            return new Pool(view.name(), view.enabled(), view.cells(), view.storage(), view.network(), view.failover(),
                    view.unattached(), view.addressPool());
        }
    }

    /**
     * Nano's attributes of a new pool; its name is in the path. {@code network} is the libvirt network of its
     * cells; {@code address_pool} (Vireo's) the address pool its guests' NICs get their addresses from.
     */
    public record Creation(List<String> cells, String networkMode, String storage, String network, Boolean failover,
                           String addressPool) {
    }

    /** Nano's attributes of a change ({@code enable} as Nano names it). */
    public record Change(Boolean enable, String networkMode, String storage, String network, Boolean failover,
                         String addressPool) {
    }

    @EJB
    ComputePoolService pools;

    @GET
    @Operation(summary = "Nano: all compute pools of the zone")
    public List<Pool> list() {
        return pools.list().stream().map(Pool::of).toList();
    }

    @GET
    @Path("{pool}")
    @Operation(summary = "Nano: one compute pool")
    public Pool get(@PathParam("pool") String pool) {
        return Pool.of(pools.get(pool));
    }

    @POST
    @Path("{pool}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: create a compute pool (cells, network_mode, storage, network, failover)")
    public Pool create(@PathParam("pool") String pool, Creation creation) {
        Creation given = creation == null ? new Creation(null, null, null, null, null, null) : creation;
        return Pool.of(pools.create(new ComputePoolRequest(pool, given.cells(), given.storage(), given.network(),
                given.networkMode(), given.failover(), null, given.addressPool())));
    }

    @PUT
    @Path("{pool}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: change a compute pool (enable, network_mode, storage, network, failover)")
    public Pool change(@PathParam("pool") String pool, Change change) {
        ActionBody.required(change);
        return Pool.of(pools.update(pool, new ComputePoolUpdate(change.enable(), change.storage(), change.network(),
                change.networkMode(), change.failover(), change.addressPool())));
    }

    @DELETE
    @Path("{pool}")
    @Operation(summary = "Nano: remove an empty compute pool")
    public Response delete(@PathParam("pool") String pool) {
        pools.delete(pool);
        return Response.noContent().build();
    }
}
