package dev.vireo.web.storage;

import dev.vireo.storage.StorageVolumeService;
import dev.vireo.storage.VolumeRequest;
import dev.vireo.storage.VolumeView;
import dev.vireo.web.ActionBody;
import dev.vireo.web.task.Accepted;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

@RequestScoped
@Path("/storagepools/{pool}/storagevolumes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Storage volumes")
public class StorageVolumeResource {

    @EJB
    StorageVolumeService volumes;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The volumes of an active pool, with the VMs that use each")
    public List<VolumeView> list(@PathParam("pool") String pool) {
        return volumes.list(pool);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a volume of capacity bytes (format, default qcow2): 202 with the task")
    public Response create(@PathParam("pool") String pool, VolumeRequest request) {
        ActionBody.required(request);
        return Accepted.task(uri, volumes.create(pool, request));
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One volume")
    public VolumeView get(@PathParam("pool") String pool, @PathParam("name") String name) {
        return volumes.get(pool, name);
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a volume; 409 while a VM uses it")
    public Response delete(@PathParam("pool") String pool, @PathParam("name") String name) {
        volumes.delete(pool, name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/resize")
    @Operation(summary = "Grow a volume to size bytes; 409 while a VM uses it")
    public VolumeView resize(@PathParam("pool") String pool, @PathParam("name") String name, String body) {
        return volumes.resize(pool, name, ActionBody.requiredLong(body, "size"));
    }

    @POST
    @Path("{name}/wipe")
    @Operation(summary = "Overwrite a volume with zeros; 409 while a VM uses it")
    public VolumeView wipe(@PathParam("pool") String pool, @PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return volumes.wipe(pool, name);
    }
}
