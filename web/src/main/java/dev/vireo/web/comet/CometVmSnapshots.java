package dev.vireo.web.comet;

import dev.vireo.cluster.ClusterService;
import dev.vireo.vm.SnapshotRequest;
import dev.vireo.vm.SnapshotService;
import dev.vireo.web.ActionBody;
import dev.vireo.web.task.Accepted;
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

/**
 * Comet's snapshots of one VM of a cluster ({@code /comet/cluster/:name/vms/:vm/snapshots}) over
 * the VM's own snapshots ({@link SnapshotService}, as {@code /api/vms/:vm/snapshots}) once the VM
 * is known to be a member; the cluster's sets of snapshots are {@link CometClusterSnapshots}.
 */
@ApplicationScoped
@Path(CometPathAlias.ROOT + "/cluster/{name}/vms/{vm}/snapshots")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Comet")
public class CometVmSnapshots {

    @EJB
    ClusterService clusters;

    @EJB
    SnapshotService snapshots;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "Comet: the snapshots of a VM of the cluster: name, created (epoch seconds), parent, link")
    public List<CometAnswers.Snapshot> list(@PathParam("name") String name, @PathParam("vm") String vm) {
        clusters.checkMember(name, vm);
        return snapshots.list(vm).stream().map(snapshot -> CometAnswers.snapshot(name, vm, snapshot)).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Comet: take a snapshot of the VM (name, description; both optional): 202 with the task")
    public Response create(@PathParam("name") String name, @PathParam("vm") String vm, SnapshotRequest body) {
        clusters.checkMember(name, vm);
        SnapshotRequest request = body == null ? new SnapshotRequest(null, null) : body;
        return Accepted.task(uri, snapshots.create(vm, request.name(), request.description()));
    }

    @GET
    @Path("{snapshot}")
    @Operation(summary = "Comet: one snapshot of the VM: created (epoch seconds), name, parent (\"\" for none), actions")
    public CometAnswers.Snapshot get(@PathParam("name") String name, @PathParam("vm") String vm,
                                     @PathParam("snapshot") String snapshot) {
        clusters.checkMember(name, vm);
        return CometAnswers.snapshot(name, vm, snapshots.get(vm, snapshot));
    }

    @DELETE
    @Path("{snapshot}")
    @Operation(summary = "Comet: delete a snapshot of the VM: 204")
    public Response delete(@PathParam("name") String name, @PathParam("vm") String vm, @PathParam("snapshot") String snapshot) {
        clusters.checkMember(name, vm);
        snapshots.delete(vm, snapshot);
        return Response.noContent().build();
    }

    @POST
    @Path("{snapshot}/revert")
    @Operation(summary = "Comet: revert the VM to the snapshot; the snapshot, now the current one")
    public CometAnswers.Snapshot revert(@PathParam("name") String name, @PathParam("vm") String vm,
                                        @PathParam("snapshot") String snapshot, String body) {
        ActionBody.requireNoParameters(body);
        clusters.checkMember(name, vm);
        return CometAnswers.snapshot(name, vm, snapshots.revert(vm, snapshot));
    }
}
