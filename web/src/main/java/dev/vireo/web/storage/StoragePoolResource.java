package dev.vireo.web.storage;

import dev.vireo.storage.PoolRequest;
import dev.vireo.storage.PoolView;
import dev.vireo.storage.StoragePoolService;
import dev.vireo.web.ActionBody;
import dev.vireo.web.kimchi.KimchiPathAlias;
import dev.vireo.web.task.Accepted;
import dev.vireo.web.zone.HostParameter;
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
@Path("/storagepools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Storage pools")
public class StoragePoolResource {

    @EJB
    StoragePoolService pools;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The host's storage pools, active or not, then the reserved kimchi_isos (the ISO images of every"
            + " active pool)")
    public List<PoolView> list() {
        return pools.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a pool: dir (path), kimchi-iso (path to deep-scan for ISO images: 202 with the scan's"
            + " task), netfs (source host, path), logical (source devices, or from_vg), iscsi (source host, target, port,"
            + " auth username and password, kept in a libvirt secret), scsi (source adapter_name). dir, kimchi-iso and"
            + " logical pools start at once and with the host; netfs, iscsi and scsi pools wait for activate; 201")
    public Response create(PoolRequest request) {
        // Kimchi leaves a new pool inactive: its clients activate it next
        StoragePoolService.Created created = KimchiPathAlias.isKimchiFace() ? pools.createInactive(ActionBody.required(request))
                : pools.create(ActionBody.required(request));
        if (created.task() != null) {
            return Accepted.task(uri, created.task());
        }
        return Response.created(HostParameter.sameHost(uri.getAbsolutePathBuilder().path(created.pool().name()), uri).build())
                .entity(created.pool()).build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One storage pool")
    public PoolView get(@PathParam("name") String name) {
        return pools.get(name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change autostart; add disks (devices under /dev) to a logical pool's volume group")
    public PoolView update(@PathParam("name") String name, PoolRequest request) {
        return pools.update(name, ActionBody.required(request));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Remove a pool (its volumes stay on disk); 409 while a VM or template uses it")
    public Response delete(@PathParam("name") String name) {
        pools.delete(name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/activate")
    @Operation(summary = "Start an inactive pool")
    public PoolView activate(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return pools.activate(name);
    }

    @POST
    @Path("{name}/deactivate")
    @Operation(summary = "Stop a pool; 409 while a VM uses one of its volumes")
    public PoolView deactivate(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return pools.deactivate(name);
    }
}
