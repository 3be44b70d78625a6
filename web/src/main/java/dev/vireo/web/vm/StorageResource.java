package dev.vireo.web.vm;

import dev.vireo.vm.MediaRequest;
import dev.vireo.vm.StorageRequest;
import dev.vireo.vm.StorageView;
import dev.vireo.vm.VmStorageService;
import dev.vireo.web.ActionBody;
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
@Path("/vms/{vm}/storages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "VM storage devices")
public class StorageResource {

    @EJB
    VmStorageService storages;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The VM's disks and CD-ROM drives")
    public List<StorageView> list(@PathParam("vm") String vm) {
        return storages.list(vm);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Attach a cdrom (path: ISO volume or URL) or a disk (pool, vol); 201, hot where the bus allows")
    public Response attach(@PathParam("vm") String vm, StorageRequest request) {
        ActionBody.required(request);
        VmStorageService.Changed attached = storages.attach(vm, request);
        return Pending.warn(Response.created(uri.getAbsolutePathBuilder().path(attached.storage().dev()).build())
                .entity(attached.storage()), attached.pendingUntilRestart()).build();
    }

    @GET
    @Path("{dev}")
    @Operation(summary = "One storage device")
    public StorageView get(@PathParam("vm") String vm, @PathParam("dev") String dev) {
        return storages.get(vm, dev);
    }

    @PUT
    @Path("{dev}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a CD-ROM's media (path: ISO volume or URL; \"\" ejects)")
    public Response changeMedia(@PathParam("vm") String vm, @PathParam("dev") String dev, MediaRequest request) {
        ActionBody.required(request);
        VmStorageService.Changed changed = storages.changeMedia(vm, dev, request.path());
        return Pending.warn(Response.ok(changed.storage()), changed.pendingUntilRestart()).build();
    }

    @POST
    @Path("{dev}/resize")
    @Operation(summary = "Grow a disk's volume to size bytes while the VM is shut off (409 VMS0005E while it runs); "
            + "a smaller size is a shrink, refused (409 GOP0004E)")
    public StorageView resize(@PathParam("vm") String vm, @PathParam("dev") String dev, String body) {
        return storages.resize(vm, dev, ActionBody.requiredLong(body, "size"));
    }

    @POST
    @Path("{dev}/shrink")
    @Operation(summary = "Shrink a disk: always refused (409 GOP0004E saying why): Vireo cannot see from the host whether "
            + "the guest's file systems leave the end of the disk unused")
    public StorageView shrink(@PathParam("vm") String vm, @PathParam("dev") String dev, String body) {
        ActionBody.optionalInteger(body, "size");
        return storages.shrink(vm, dev);
    }

    @DELETE
    @Path("{dev}")
    @Operation(summary = "Detach a storage device (the volume stays in its pool)")
    public Response detach(@PathParam("vm") String vm, @PathParam("dev") String dev) {
        return Pending.warn(Response.noContent(), storages.detach(vm, dev)).build();
    }
}
