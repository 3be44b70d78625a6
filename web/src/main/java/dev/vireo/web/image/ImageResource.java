package dev.vireo.web.image;

import dev.vireo.image.ImageQuery;
import dev.vireo.image.ImageRequest;
import dev.vireo.image.ImageService;
import dev.vireo.image.ImageView;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The image catalogue: media (ISO) and disk (qcow2) images, their content uploaded in chunks and downloaded by ranges. */
@ApplicationScoped
@Path("/images")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Images")
public class ImageResource {

    @EJB
    ImageService images;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The images one may use (one's own, one's groups', public ones), by name; filters: kind"
            + " (media, disk), name (part of it), owner, group, tag (repeat: all of them)")
    public List<ImageView> search(@QueryParam("kind") String kind, @QueryParam("name") String name,
                                  @QueryParam("owner") String owner, @QueryParam("group") String group,
                                  @QueryParam("tag") List<String> tags) {
        return images.search(new ImageQuery(kind, name, owner, group, tags));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an empty image (kind media or disk, name, description, tags, owner, group,"
            + " visibility private/group/public, checksum: the SHA-256 its content must have); 201")
    public Response create(ImageRequest request) {
        ImageView created = images.create(ActionBody.required(request));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One image, with how many bytes of its content arrived (uploaded) and its state")
    public ImageView get(@PathParam("id") String id) {
        return images.get(id, null);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an image's name, description, tags, owner, group, visibility, or the checksum"
            + " of a content not yet complete")
    public ImageView update(@PathParam("id") String id, ImageRequest request) {
        return images.update(id, null, ActionBody.required(request));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an image and its content")
    public Response delete(@PathParam("id") String id) {
        images.delete(id, null);
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}/content")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Upload the content, whole or one chunk (Content-Range: bytes first-last/total, at most"
            + " 8 MiB a request) where the last one ended (uploaded); the last chunk makes the image ready, or"
            + " discards it when its SHA-256 is not the declared checksum")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public ImageView upload(@PathParam("id") String id, @HeaderParam("Content-Range") String range,
                            @Context HttpHeaders headers, @Context HttpServletRequest request) throws IOException {
        // no entity parameter: JAX-RS would open the servlet stream, and with it the body's channel
        return images.upload(id, null, range, ImageDownloads.bodyLength(headers), RequestChannel.of(request));
    }

    @GET
    @Path("{id}/content")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Operation(summary = "The content of a ready image, streamed: all of it, or one Range (206; 416 outside it)")
    public Response download(@PathParam("id") String id, @HeaderParam("Range") String range) {
        return ImageDownloads.content(images, id, null, range);
    }
}
