package dev.vireo.web.batch;

import dev.vireo.batch.BatchService;
import dev.vireo.batch.BatchView;
import dev.vireo.batch.GuestBatchDeletion;
import dev.vireo.batch.GuestBatchRequest;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Batches of VM creations and deletions, each item with its own outcome ({@code /api/batches}):
 * answered 202 with the batch and its location, which shows every item's status while it runs.
 */
@ApplicationScoped
@Path("/batches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Batches")
public class BatchResource {

    /** How many batches a list shows: the newest. */
    static final int LISTED = 100;

    @EJB
    BatchService batches;

    @Context
    UriInfo uri;

    @POST
    @Path("create_guest")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create count VMs of one spec (cpus, memory MiB, disks MiB, …) named <name_prefix>_0, _1, … "
            + "(name_rule order; MAC and address are refused): 202 with the batch; each item is created in a task of "
            + "its own, concurrently, and an item refused (a taken name, no host fits) is reported without stopping "
            + "the others. At most " + BatchService.MAX_COUNT + " VMs.")
    public Response create(GuestBatchRequest request) {
        ActionBody.required(request);
        return accepted(batches.createGuests(request));
    }

    @POST
    @Path("delete_guest")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete VMs by UUID (guests), running ones only with force: 202 at once with the batch; each "
            + "VM the caller may manage is locked and deleted in a task of its own (pending, deleting, deleted), an item "
            + "refused or failed is fail with its reason")
    public Response delete(GuestBatchDeletion request) {
        ActionBody.required(request);
        return accepted(batches.deleteGuests(request));
    }

    @GET
    @Operation(summary = "The caller's batches (everyone's with scope.all), newest first, at most 100, each with every "
            + "item's status")
    public java.util.List<BatchView> list() {
        return batches.list(LISTED);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A batch with every item's status (pending, creating with progress, created, deleting, "
            + "deleted, fail with error); running while an item is pending or under way")
    public BatchView get(@PathParam("id") String id) {
        return batches.get(id);
    }

    private Response accepted(BatchView batch) {
        return Response.accepted(batch)
                .location(uri.getBaseUriBuilder().path(BatchResource.class).path(batch.id()).build())
                .build();
    }
}
