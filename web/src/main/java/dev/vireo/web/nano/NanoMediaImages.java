package dev.vireo.web.nano;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.image.ImageQuery;
import dev.vireo.image.ImageService;
import dev.vireo.image.ImageView;
import dev.vireo.web.ActionBody;
import dev.vireo.web.MultipartForm;
import dev.vireo.web.image.ImageDownloads;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Nano's media images ({@code /nano/media_images/…}) and their files ({@code /nano/media_image_files/…}). */
@ApplicationScoped
@Path("/nano")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoMediaImages {

    static final String KIND = "media";

    @EJB
    ImageService images;

    @GET
    @Path("media_images")
    @Operation(summary = "Nano: the media images one may use")
    public List<NanoImages.Listed> list() {
        return images.search(ImageQuery.all(KIND)).stream().map(NanoImages.Listed::of).toList();
    }

    @GET
    @Path("media_images/{id}")
    @Operation(summary = "Nano: one media image")
    public NanoImages.Listed get(@PathParam("id") String id) {
        return NanoImages.Listed.of(images.get(id, KIND));
    }

    @POST
    @Path("media_images")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: create an empty media image (name, owner, group, description, tags); its file comes"
            + " by POST media_image_files/{id}")
    public NanoImages.Made create(NanoImages.Change change) {
        return new NanoImages.Made(images.create(ActionBody.required(change).request(KIND)).id());
    }

    @PUT
    @Path("media_images/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: change a media image's name, owner, group, description, tags")
    public Response modify(@PathParam("id") String id, NanoImages.Change change) {
        images.update(id, KIND, ActionBody.required(change).request(null));
        return Response.noContent().build();
    }

    @DELETE
    @Path("media_images/{id}")
    @Operation(summary = "Nano: delete a media image and its file")
    public Response delete(@PathParam("id") String id) {
        images.delete(id, KIND);
        return Response.noContent().build();
    }

    @GET
    @Path("media_image_files/{id}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Operation(summary = "Nano: download a media image's file, streamed: all of it, or one Range (206; 416 outside it)")
    public Response download(@PathParam("id") String id, @HeaderParam("Range") String range) {
        return ImageDownloads.content(images, id, KIND, range);
    }

    @POST
    @Path("media_image_files/{id}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Nano: upload a media image's file (multipart field image): whole (at most 8 MiB), or in"
            + " chunks each with Content-Range: bytes first-last/total")
    public ImageView upload(@PathParam("id") String id, @HeaderParam("Content-Range") String range,
                            @Context HttpHeaders headers, InputStream body) throws IOException {
        String boundary = headers.getMediaType().getParameters().get("boundary");
        if (boundary == null) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "Content-Type", "a multipart body names its boundary");
        }
        MultipartForm form = new MultipartForm(body, boundary);
        for (MultipartForm.Part part = form.nextOrRefuse(); part != null; part = form.nextOrRefuse()) {
            if (!"image".equals(part.name())) {
                throw new VireoException(ErrorCode.UNKNOWN_FIELD, part.name());
            }
            return range == null ? images.uploadWhole(id, KIND, part.content())
                    : images.upload(id, KIND, range, -1, Channels.newChannel(part.content()));
        }
        throw new VireoException(ErrorCode.MISSING_FIELD, "image");
    }
}
