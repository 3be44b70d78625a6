package dev.vireo.web.nano;

import dev.vireo.image.ImageGuests;
import dev.vireo.vm.GuestService;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Nano's reset of a guest's system disk from a disk image ({@code PUT /nano/guest/{id}/system/}). */
@ApplicationScoped
@Path("/nano/guest/{id}/system")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoGuestSystem {

    /** The task resetting the disk. */
    public record Reset(String task) {
    }

    @EJB
    GuestService guests;

    @EJB
    ImageGuests images;

    @PUT
    @Operation(summary = "Nano: reset a shut-off guest's system disk from a disk image (from_image); 202 with the task")
    public Response reset(@PathParam("id") String id, String body) {
        String image = ActionBody.optionalStrings(body, "from_image").get("from_image");
        return Response.accepted(new Reset(images.resetSystem(guests.nameOf(id), image).id())).build();
    }
}
