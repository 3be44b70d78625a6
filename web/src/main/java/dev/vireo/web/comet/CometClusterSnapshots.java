package dev.vireo.web.comet;

import dev.vireo.cluster.ClusterSnapshotRequest;
import dev.vireo.cluster.ClusterSnapshotService;
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
 * Comet's cluster snapshots ({@code /comet/cluster/:name/snapshots}): a snapshot of every member
 * at once as one named set, reverted as a whole ({@link ClusterSnapshotService}).
 */
@ApplicationScoped
@Path(CometPathAlias.ROOT + "/cluster/{name}/snapshots")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Comet")
public class CometClusterSnapshots {

    @EJB
    ClusterSnapshotService sets;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "Comet: the cluster's snapshot sets, oldest first, each member's snapshot with its state")
    public List<CometAnswers.SnapshotSet> list(@PathParam("name") String name) {
        return sets.list(name).stream().map(set -> CometAnswers.snapshotSet(name, set)).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Comet: take a snapshot of every VM of the cluster as one set (name, description): 202 with the task")
    public Response create(@PathParam("name") String name, ClusterSnapshotRequest body) {
        return Accepted.task(uri, sets.create(name, body == null ? new ClusterSnapshotRequest(null, null) : body));
    }

    @GET
    @Path("{set}")
    @Operation(summary = "Comet: one snapshot set, created in epoch seconds, with its actions")
    public CometAnswers.SnapshotSet get(@PathParam("name") String name, @PathParam("set") String set) {
        return CometAnswers.snapshotSet(name, sets.get(name, set));
    }

    @DELETE
    @Path("{set}")
    @Operation(summary = "Comet: delete the set with every member's snapshot in it: 202 with the task")
    public Response delete(@PathParam("name") String name, @PathParam("set") String set) {
        return Accepted.task(uri, sets.delete(name, set));
    }

    @POST
    @Path("{set}/revert")
    @Operation(summary = "Comet: revert every VM of the cluster to its snapshot in the set: 202 with the task")
    public Response revert(@PathParam("name") String name, @PathParam("set") String set, String body) {
        ActionBody.requireNoParameters(body);
        return Accepted.task(uri, sets.revert(name, set));
    }
}
