package dev.vireo.web.nano;

import dev.vireo.batch.BatchService;
import dev.vireo.batch.BatchView;
import dev.vireo.batch.GuestBatchDeletion;
import dev.vireo.batch.GuestBatchRequest;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.batch.Batch;
import dev.vireo.vm.GuestSpec;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Nano's batches ({@code /nano/batch/create_guest/…}, {@code /nano/batch/delete_guest/…}) over the
 * native batches: a status query answers 202 while an item is under way and 200 once all ended.
 */
@ApplicationScoped
@Path("/nano/batch")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoBatches {

    /** Nano's batch creation; memory and disks in MiB. Fields needing later parts are refused by name. */
    public record Creation(String nameRule, String namePrefix, String owner, String group, String pool, Integer count,
                           Integer cores, Integer memory, List<Long> disks, Boolean autoStart, String fromImage,
                           String system, String systemVersion, List<String> modules, Map<String, Object> cloudInit) {
    }

    /** Nano's batch deletion. */
    public record Deletion(List<String> guest, Boolean force) {
    }

    /** The batch's id, as Nano answers a start. */
    public record Started(String id) {
    }

    /** One item as Nano shows it; fields that do not apply are left out. */
    @JsonbNillable(false)
    public record Item(String name, String id, Integer progress, String status, String error) {
    }

    @EJB
    BatchService batches;

    @POST
    @Path("create_guest")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: create count guests named <name_prefix>_0, _1, … (name_rule order; MAC and address are "
            + "refused, NANO0006E): 202 with the batch id")
    public Response create(Creation creation) {
        ActionBody.required(creation);
        NanoGuests.unsupported("modules", creation.modules(), "guest modules come with disk images");
        NanoGuests.unsupported("cloud_init", creation.cloudInit(), "cloud-init comes with disk images");
        BatchView batch = batches.createGuests(new GuestBatchRequest(creation.count(), creation.nameRule(),
                creation.namePrefix(), creation.pool(), null, null,
                new GuestSpec(creation.cores(), creation.memory(), creation.disks(), creation.autoStart(),
                        creation.system(), creation.systemVersion(), creation.owner(), creation.group(),
                        creation.fromImage())));
        return Response.accepted(new Started(batch.id())).build();
    }

    @GET
    @Path("create_guest/{id}")
    @Operation(summary = "Nano: each guest of a batch creation (name, id, status creating with progress, created or "
            + "fail with error): 202 while one is under way, 200 once all ended")
    public Response created(@PathParam("id") String id) {
        return status(batches.get(id, Batch.CREATE));
    }

    @POST
    @Path("delete_guest")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: delete guests by id (guest), running ones only with force: 202 at once with the "
            + "batch id, each guest deleted in a task of its own")
    public Response delete(Deletion deletion) {
        ActionBody.required(deletion);
        if (deletion.guest() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "guest");
        }
        BatchView batch = batches.deleteGuests(new GuestBatchDeletion(deletion.guest(), deletion.force()));
        return Response.accepted(new Started(batch.id())).build();
    }

    @GET
    @Path("delete_guest/{id}")
    @Operation(summary = "Nano: each guest of a batch deletion (id, status pending, deleting, deleted or fail with "
            + "error): 202 while one is pending or under way, 200 once all ended")
    public Response deleted(@PathParam("id") String id) {
        return status(batches.get(id, Batch.DELETE));
    }

    private static Response status(BatchView batch) {
        List<Item> items = batch.items().stream()
                .map(item -> new Item(item.name(), item.id(), item.progress(), item.status(), item.error()))
                .toList();
        return Response.status(batch.running() ? Response.Status.ACCEPTED : Response.Status.OK).entity(items).build();
    }
}
