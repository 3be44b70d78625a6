package dev.vireo.web.cluster;

import dev.vireo.cluster.ClusterSnapshotRequest;
import dev.vireo.cluster.ClusterSnapshotService;
import dev.vireo.cluster.ClusterSnapshotView;
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

/** Snapshot sets of a cluster: a snapshot of every member taken, reverted and deleted as one. */
@ApplicationScoped
@Path("/clusters/{name}/snapshots")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clusters")
public class ClusterSnapshotResource {

    @EJB
    ClusterSnapshotService sets;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The cluster's snapshot sets, oldest first, each member's snapshot with its state "
            + "(current, present, missing, unknown)")
    public List<ClusterSnapshotView> list(@PathParam("name") String name) {
        return sets.list(name);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take a snapshot of every member as one set (name, also each member's snapshot name; "
            + "description): 202 with the task; all or nothing")
    public Response create(@PathParam("name") String name, ClusterSnapshotRequest request) {
        return Accepted.task(uri, sets.create(name, request == null ? new ClusterSnapshotRequest(null, null) : request));
    }

    @GET
    @Path("{set}")
    @Operation(summary = "One snapshot set: each member's snapshot and its state")
    public ClusterSnapshotView get(@PathParam("name") String name, @PathParam("set") String set) {
        return sets.get(name, set);
    }

    @DELETE
    @Path("{set}")
    @Operation(summary = "Delete every member's snapshot of the set, then the set: 202 with the task")
    public Response delete(@PathParam("name") String name, @PathParam("set") String set) {
        return Accepted.task(uri, sets.delete(name, set));
    }

    @POST
    @Path("{set}/revert")
    @Operation(summary = "Revert every member to its snapshot of the set, going on past a member that fails: "
            + "202 with the task, whose message names each member's outcome")
    public Response revert(@PathParam("name") String name, @PathParam("set") String set, String body) {
        ActionBody.requireNoParameters(body);
        return Accepted.task(uri, sets.revert(name, set));
    }
}
