package dev.vireo.web.image;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.image.ImageGuests;
import dev.vireo.image.ImageRequest;
import dev.vireo.web.ActionBody;
import dev.vireo.web.task.Accepted;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A VM's system disk and the disk images: reset it from one, capture one from it. */
@ApplicationScoped
@Path("/vms/{name}/system")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Images")
public class VmSystemResource {

    @EJB
    ImageGuests guests;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "A VM's system disk: its volume, format, capacity, and the image store volume (backing) and"
            + " image it is a thin overlay of, if any")
    public ImageGuests.SystemDisk get(@PathParam("name") String name) {
        return guests.system(name);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reset a shut-off VM's system disk to a thin qcow2 overlay of a ready disk image"
            + " (image: its id); 202 with the task; its other disks stay as they are")
    public Response reset(@PathParam("name") String name, SystemReset request) {
        String image = ActionBody.required(request).image();
        if (image == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "image");
        }
        return Accepted.task(uri, guests.resetSystem(name, image));
    }

    /** What a system disk is reset from: a ready disk image's id. */
    public record SystemReset(String image) {
    }

    @POST
    @Path("capture")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Capture a disk image from a shut-off VM's system disk (name, description, tags, owner, group,"
            + " visibility); 202 with the task, whose target_uri is the new image")
    public Response capture(@PathParam("name") String name, ImageRequest request) {
        return Accepted.task(uri, guests.capture(ActionBody.required(request), name).task());
    }
}
