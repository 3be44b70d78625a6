package dev.vireo.web.nano;

import dev.vireo.web.ActionBody;
import dev.vireo.zone.CellResources;
import dev.vireo.zone.SharedStorageService;
import dev.vireo.zone.SharedStorageService.SharedStorage;
import dev.vireo.zone.SharedStorageService.SharedStorageRequest;
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

/** Nano's storage pools ({@code /nano/storage_pools/…}): shared NFS storage of compute pools, over {@link SharedStorageService}. */
@ApplicationScoped
@Path("/nano/storage_pools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoStoragePools {

    /** A storage pool in Nano's list. */
    public record Pool(String name, String type, String host, String target) {
        static Pool of(SharedStorage storage) {
            return new Pool(storage.name(), storage.type(), storage.host(), storage.target());
        }
    }

    /** One storage pool as Nano shows it (its name is in the path). */
    public record Info(String type, String host, String target) {
        static Info of(SharedStorage storage) {
            return new Info(storage.type(), storage.host(), storage.target());
        }
    }

    /** A pool just defined or changed, with the cells of its compute pools that could not take it, and why. */
    public record Defined(String name, String type, String host, String target, List<CellResources.Unattached> unattached) {
        static Defined of(SharedStorageService.Defined defined) {
            SharedStorage storage = defined.storage();
            return new Defined(storage.name(), storage.type(), storage.host(), storage.target(), defined.unattached());
        }
    }

    @EJB
    SharedStorageService storage;

    @GET
    @Operation(summary = "Nano: the shared storage pools (nfs)")
    public List<Pool> list() {
        return storage.list().stream().map(Pool::of).toList();
    }

    @GET
    @Path("{pool}")
    @Operation(summary = "Nano: one shared storage pool")
    public Info get(@PathParam("pool") String pool) {
        return Info.of(storage.get(pool));
    }

    @POST
    @Path("{pool}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: create a shared storage pool (type nfs, host, target), defined on every cell of the"
            + " compute pools naming it")
    public Defined create(@PathParam("pool") String pool, SharedStorageRequest request) {
        return Defined.of(storage.create(pool, ActionBody.required(request)));
    }

    @PUT
    @Path("{pool}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: point an empty shared storage pool at another host or target")
    public Defined modify(@PathParam("pool") String pool, SharedStorageRequest request) {
        return Defined.of(storage.modify(pool, ActionBody.required(request)));
    }

    @DELETE
    @Path("{pool}")
    @Operation(summary = "Nano: remove a shared storage pool no compute pool names")
    public Response delete(@PathParam("pool") String pool) {
        storage.delete(pool);
        return Response.noContent().build();
    }
}
