package dev.vireo.web.storage;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.VolumeReader;
import dev.vireo.storage.StorageVolumeService;
import dev.vireo.storage.VolumeCloneRequest;
import dev.vireo.storage.VolumeRequest;
import dev.vireo.storage.VolumeView;
import dev.vireo.web.ActionBody;
import dev.vireo.web.MultipartForm;
import dev.vireo.web.task.Accepted;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/storagepools/{pool}/storagevolumes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Storage volumes")
public class StorageVolumeResource {

    @EJB
    StorageVolumeService volumes;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The volumes of an active pool, with the VMs that use each")
    public List<VolumeView> list(@PathParam("pool") String pool) {
        return volumes.list(pool);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a volume (202 with the task): of capacity bytes (format, iso included, default qcow2;"
            + " allocation: bytes set aside at once, at most the capacity, default 0); from url"
            + " (http or https, name defaulting to the URL's file name); or awaiting a chunked upload of capacity bytes"
            + " (upload: true, format default raw)")
    public Response create(@PathParam("pool") String pool, VolumeRequest request) {
        ActionBody.required(request);
        return Accepted.task(uri, volumes.create(pool, request));
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One volume")
    public VolumeView get(@PathParam("pool") String pool, @PathParam("name") String name) {
        return volumes.get(pool, name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload the next chunk of a volume created with upload: true; multipart fields chunk_size"
            + " (bytes, at most 8 MiB) and then chunk; answers the volume with the upload's offset")
    public VolumeView upload(@PathParam("pool") String pool, @PathParam("name") String name, @Context HttpHeaders headers,
                             InputStream body) throws IOException {
        MultipartForm form = new MultipartForm(body, headers.getMediaType().getParameters().get("boundary"));
        Long chunkSize = null;
        for (MultipartForm.Part part = form.nextOrRefuse(); part != null; part = form.nextOrRefuse()) {
            switch (part.name()) {
                case "chunk_size" -> chunkSize = wholeNumber("chunk_size", part.text(32));
                case "chunk" -> {
                    if (chunkSize == null) {
                        throw new VireoException(ErrorCode.MISSING_FIELD, "chunk_size (send it before chunk)");
                    }
                    return volumes.writeChunk(pool, name, chunkSize, part.content());
                }
                default -> throw new VireoException(ErrorCode.UNKNOWN_FIELD, part.name());
            }
        }
        throw new VireoException(ErrorCode.MISSING_FIELD, "chunk");
    }

    @GET
    @Path("{name}/content")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "The volume's content, all its bytes, streamed; 409 while an upload into it is under way")
    public Response content(@PathParam("pool") String pool, @PathParam("name") String name) {
        VolumeReader reader = volumes.content(pool, name);
        StreamingOutput body = out -> {
            try (reader) {
                reader.copyTo(out);
            }
        };
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(HttpHeaders.CONTENT_LENGTH, reader.length())
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }

    @POST
    @Path("{name}/clone")
    @Operation(summary = "Copy a volume (202 with the task) into its pool or pool, named name or <name>-cloneN"
            + " before the extension")
    public Response cloneVolume(@PathParam("pool") String pool, @PathParam("name") String name, String body) {
        Map<String, String> parameters = ActionBody.optionalStrings(body, "pool", "name");
        return Accepted.task(uri, volumes.clone(pool, name,
                new VolumeCloneRequest(parameters.get("pool"), parameters.get("name"))));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a volume; 409 while a VM uses it")
    public Response delete(@PathParam("pool") String pool, @PathParam("name") String name) {
        volumes.delete(pool, name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/resize")
    @Operation(summary = "Grow a volume to size bytes; 409 while a VM uses it")
    public VolumeView resize(@PathParam("pool") String pool, @PathParam("name") String name, String body) {
        return volumes.resize(pool, name, ActionBody.requiredLong(body, "size"));
    }

    @POST
    @Path("{name}/wipe")
    @Operation(summary = "Overwrite a volume with zeros; 409 while a VM uses it")
    public VolumeView wipe(@PathParam("pool") String pool, @PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return volumes.wipe(pool, name);
    }

    private static long wholeNumber(String field, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new VireoException(ErrorCode.INVALID_VALUE, field, "'" + text.strip() + "' is not a whole number");
        }
    }
}
