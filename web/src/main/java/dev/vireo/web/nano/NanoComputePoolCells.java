package dev.vireo.web.nano;

import dev.vireo.web.ActionBody;
import dev.vireo.zone.CellView;
import dev.vireo.zone.ComputePoolService;
import dev.vireo.zone.HostRegistry;
import dev.vireo.zone.ManagedHostView;
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
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Nano's cells of compute pools ({@code /nano/compute_pool_cells/…}): Vireo's registered hosts. A cell
 * joins a pool here once it is registered (native {@code POST /api/hosts}); Nano's cells announce
 * themselves instead.
 */
@ApplicationScoped
@Path("/nano/compute_pool_cells")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoComputePoolCells {

    /** A cell as Nano lists it: {@code address} is the host its URI reaches ({@code localhost} for this machine). */
    public record Cell(String name, String address, boolean enabled, boolean alive) {
        static Cell of(ManagedHostView host) {
            return new Cell(host.name(), NanoComputePoolCells.address(host.uri()), host.enabled(), host.alive());
        }
    }

    /** A cell's config: Nano's cell with its pool's storage. */
    public record Config(String name, String address, boolean enabled, boolean alive, List<CellView.Storage> storage) {
    }

    /** Nano's change of a cell. */
    public record Change(Boolean enable) {
    }

    @EJB
    ComputePoolService pools;

    @EJB
    HostRegistry hosts;

    @GET
    @Operation(summary = "Nano: the cells in no compute pool")
    public List<Cell> unallocated() {
        return pools.hosts(null).stream().map(Cell::of).toList();
    }

    @GET
    @Path("{pool}")
    @Operation(summary = "Nano: the cells of a compute pool")
    public List<Cell> inPool(@PathParam("pool") String pool) {
        return pools.hosts(pool).stream().map(Cell::of).toList();
    }

    @GET
    @Path("{pool}/{cell}")
    @Operation(summary = "Nano: a cell's config, with whether the pool's storage is attached on it")
    public Config config(@PathParam("pool") String pool, @PathParam("cell") String cell) {
        CellView view = pools.cell(pool, cell);
        Cell summary = Cell.of(view.host());
        return new Config(summary.name(), summary.address(), summary.enabled(), summary.alive(), view.storage());
    }

    @POST
    @Path("{pool}/{cell}")
    @Operation(summary = "Nano: add a (registered) cell to a compute pool")
    public Cell add(@PathParam("pool") String pool, @PathParam("cell") String cell, String body) {
        ActionBody.requireNoParameters(body);
        pools.addHost(pool, cell);
        return Cell.of(hosts.get(cell));
    }

    @DELETE
    @Path("{pool}/{cell}")
    @Operation(summary = "Nano: remove a cell from its compute pool (it stays registered)")
    public Response remove(@PathParam("pool") String pool, @PathParam("cell") String cell) {
        pools.removeHost(pool, cell);
        return Response.noContent().build();
    }

    @PUT
    @Path("{pool}/{cell}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: enable or disable a cell")
    public Cell change(@PathParam("pool") String pool, @PathParam("cell") String cell, Change change) {
        ActionBody.required(change);
        return Cell.of(pools.enableHost(pool, cell, change.enable()));
    }

    static String address(String uri) {
        try {
            String host = new URI(uri).getHost();
            return host == null ? "localhost" : host;
        } catch (URISyntaxException e) {
            return "localhost";
        }
    }
}
