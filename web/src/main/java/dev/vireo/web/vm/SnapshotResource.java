package dev.vireo.web.vm;

import dev.vireo.task.TaskView;
import dev.vireo.web.task.Accepted;
import dev.vireo.vm.SnapshotRequest;
import dev.vireo.vm.SnapshotService;
import dev.vireo.vm.SnapshotView;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
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

@ApplicationScoped
@Path("/vms/{vm}/snapshots")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Snapshots")
public class SnapshotResource {

    @EJB
    SnapshotService snapshots;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The VM's snapshots, oldest first")
    public List<SnapshotView> list(@PathParam("vm") String vm) {
        return snapshots.list(vm);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take a snapshot (202 with the task); name defaults to the time in epoch seconds")
    public Response create(@PathParam("vm") String vm, SnapshotRequest request) {
        SnapshotRequest asked = request == null ? new SnapshotRequest(null, null) : request;
        TaskView task = snapshots.create(vm, asked.name(), asked.description());
        return Accepted.task(uri, task);
    }

    @GET
    @Path("current")
    @Operation(summary = "The snapshot the VM was last reverted to or taken at")
    public SnapshotView current(@PathParam("vm") String vm) {
        return snapshots.current(vm);
    }

    @GET
    @Path("tree")
    @Operation(summary = "The snapshots as a tree: roots with their children, the current one marked")
    public List<SnapshotView.Node> tree(@PathParam("vm") String vm) {
        return snapshots.tree(vm);
    }

    @GET
    @Path("{snapshot}")
    @Operation(summary = "One snapshot")
    public SnapshotView get(@PathParam("vm") String vm, @PathParam("snapshot") String snapshot) {
        return snapshots.get(vm, snapshot);
    }

    @DELETE
    @Path("{snapshot}")
    @Operation(summary = "Delete a snapshot; its children move to its parent")
    public Response delete(@PathParam("vm") String vm, @PathParam("snapshot") String snapshot) {
        snapshots.delete(vm, snapshot);
        return Response.noContent().build();
    }

    @POST
    @Path("{snapshot}/revert")
    @Operation(summary = "Put the VM back into the snapshot's state")
    public SnapshotView revert(@PathParam("vm") String vm, @PathParam("snapshot") String snapshot, String body) {
        ActionBody.requireNoParameters(body);
        return snapshots.revert(vm, snapshot);
    }
}
