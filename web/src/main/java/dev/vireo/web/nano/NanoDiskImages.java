package dev.vireo.web.nano;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.image.ImageGuests;
import dev.vireo.image.ImageQuery;
import dev.vireo.image.ImageRequest;
import dev.vireo.image.ImageService;
import dev.vireo.image.ImageView;
import dev.vireo.vm.GuestService;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Nano's disk images ({@code /nano/disk_images/…}) and their search ({@code /nano/disk_image_search}). */
@ApplicationScoped
@Path("/nano")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoDiskImages {

    static final String KIND = "disk";

    /**
     * A disk image as Nano's query shows it: {@code created} once its content is complete, until then
     * the {@code progress} of its upload in percent.
     */
    @JsonbPropertyOrder({"name", "created", "progress", "description", "createTime", "modifyTime", "size", "tags"})
    public record Disk(String name, boolean created, Integer progress, String description, String createTime,
                       String modifyTime, Long size, List<String> tags) {
        static Disk of(ImageView image) {
            boolean ready = "ready".equals(image.state());
            if (!ready) {
                int progress = image.size() == 0 ? 0 : (int) (image.uploaded() * 100 / image.size());
                return new Disk(image.name(), false, progress, image.description(), null, null, null, image.tags());
            }
            return new Disk(image.name(), true, null, image.description(), NanoImages.time(image.created()),
                    NanoImages.time(image.modified()), image.size(), image.tags());
        }
    }

    /** A disk image to capture from a guest's system disk, as Nano asks for one. */
    public record Capture(String name, String guest, String owner, String group, String description, List<String> tags) {
    }

    @EJB
    ImageService images;

    @EJB
    ImageGuests captures;

    @EJB
    GuestService guests;

    @POST
    @Path("disk_images")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: capture a disk image from a shut-off guest's system disk (name, guest, owner, group,"
            + " description, tags); 202 with its id, created once the task ends")
    public Response create(Capture capture) {
        ActionBody.required(capture);
        if (capture.guest() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "guest");
        }
        ImageRequest request = new ImageRequest("disk", capture.name(), capture.description(), capture.tags(),
                capture.owner(), capture.group(), null, null);
        return Response.accepted(new NanoImages.Made(captures.capture(request, guests.nameOf(capture.guest())).image().id()))
                .build();
    }

    @GET
    @Path("disk_image_search")
    @Operation(summary = "Nano: the disk images one may use, of a group and with tags (all of them; repeat the"
            + " parameter or separate by commas)")
    public List<NanoImages.Listed> search(@QueryParam("group") String group, @QueryParam("tags") List<String> tags) {
        List<String> wanted = tags == null ? List.of() : tags.stream()
                .flatMap(tag -> Arrays.stream(tag.split(","))).map(String::strip).filter(tag -> !tag.isEmpty()).toList();
        return images.search(new ImageQuery(KIND, null, null, group == null || group.isEmpty() ? null : group, wanted))
                .stream().map(NanoImages.Listed::of).toList();
    }

    @GET
    @Path("disk_images/{id}")
    @Operation(summary = "Nano: one disk image, with the progress of its content until it is created")
    public Disk get(@PathParam("id") String id) {
        return Disk.of(images.get(id, KIND));
    }

    @PUT
    @Path("disk_images/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: change a disk image's name, owner, group, description, tags")
    public Response modify(@PathParam("id") String id, NanoImages.Change change) {
        images.update(id, KIND, ActionBody.required(change).request(null));
        return Response.noContent().build();
    }

    @DELETE
    @Path("disk_images/{id}")
    @Operation(summary = "Nano: delete a disk image and its content")
    public Response delete(@PathParam("id") String id) {
        images.delete(id, KIND);
        return Response.noContent().build();
    }
}
