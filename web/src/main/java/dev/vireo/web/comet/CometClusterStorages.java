package dev.vireo.web.comet;

import dev.vireo.cluster.ClusterService;
import dev.vireo.cluster.ClusterStorageService;
import dev.vireo.vm.StorageRequest;
import dev.vireo.vm.VmStorageService;
import dev.vireo.web.ActionBody;
import dev.vireo.web.vm.Pending;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Comet's storages of a cluster's VM ({@code /comet/cluster/:name/vms/:vm/storages}) over the VM's
 * storage devices ({@link VmStorageService}, as {@code /api/vms/:vm/storages}): a storage is named
 * by its device, attached from a pool's volume, and unmapped (detached; the volume stays).
 */
@ApplicationScoped
@Path(CometPathAlias.ROOT + "/cluster/{name}/vms/{vm}/storages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Comet")
public class CometClusterStorages {

    /** A volume to attach as a disk: Comet's {@code pool} and {@code vol}. */
    public record Attach(String pool, String vol) {
    }

    @EJB
    ClusterService clusters;

    @EJB
    VmStorageService storages;

    @EJB
    ClusterStorageService clusterStorages;

    @GET
    @Operation(summary = "Comet: the storages of a VM of the cluster, each with its device, volume and link")
    public List<CometAnswers.Storage> list(@PathParam("name") String name, @PathParam("vm") String vm) {
        clusters.checkMember(name, vm);
        return storages.list(vm).stream().map(storage -> CometAnswers.storage(name, vm, storage)).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Comet: attach a pool's volume (pool, vol) to the VM as a disk: 201 with the storage")
    public Response attach(@PathParam("name") String name, @PathParam("vm") String vm, Attach body) {
        ActionBody.required(body);
        clusters.checkMember(name, vm);
        VmStorageService.Changed attached = storages.attach(vm, new StorageRequest("disk", null, body.pool(), body.vol()));
        CometAnswers.Storage storage = CometAnswers.storage(name, vm, attached.storage());
        return Pending.warn(Response.created(URI.create(storage.href())).entity(storage), attached.pendingUntilRestart())
                .build();
    }

    @GET
    @Path("{dev}")
    @Operation(summary = "Comet: one storage of the VM: dev, type, pool, vol, path, capacity (bytes), actions")
    public CometAnswers.Storage get(@PathParam("name") String name, @PathParam("vm") String vm, @PathParam("dev") String dev) {
        clusters.checkMember(name, vm);
        return CometAnswers.storage(name, vm, storages.get(vm, dev));
    }

    @POST
    @Path("{dev}/unmap")
    @Operation(summary = "Comet: detach the storage from the VM (its volume stays in its pool): 204")
    public Response unmap(@PathParam("name") String name, @PathParam("vm") String vm, @PathParam("dev") String dev,
                          String body) {
        ActionBody.requireNoParameters(body);
        clusters.checkMember(name, vm);
        return Pending.warn(Response.noContent(), storages.detach(vm, dev)).build();
    }

    @DELETE
    @Path("{dev}")
    @Operation(summary = "Comet: remove the image from central storage: detach the disk from the VM, then delete its"
            + " volume (needs vm.manage and storage.manage; 409 while another VM uses the volume): 204")
    public Response remove(@PathParam("name") String name, @PathParam("vm") String vm, @PathParam("dev") String dev) {
        clusterStorages.remove(name, vm, dev);
        return Response.noContent().build();
    }
}
