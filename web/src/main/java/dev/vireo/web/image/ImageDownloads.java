package dev.vireo.web.image;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.image.ByteRange;
import dev.vireo.image.ImageReader;
import dev.vireo.image.ImageService;
import dev.vireo.web.error.ErrorBody;
import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.servlet.spec.ServletOutputStreamImpl;
import jakarta.servlet.ServletOutputStream;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An image's content as an HTTP answer: all of it (200), or the one range a {@code Range} header
 * asks for (206 with {@code Content-Range}); 416 with {@code Content-Range: bytes *}/size for a range
 * outside it. Streamed from the store, never held in memory: from the store's file by sendfile
 * (the kernel copies it from the page cache to the socket), else through a buffer.
 */
public final class ImageDownloads {

    private ImageDownloads() {
    }

    public static Response content(ImageService images, String id, String kind, String rangeHeader) {
        Optional<ByteRange> range = ByteRange.parse(rangeHeader);
        ImageReader reader;
        try {
            reader = images.content(id, kind, range);
        } catch (VireoException e) {
            if (e.error() != ErrorCode.IMAGE_RANGE_NOT_SATISFIABLE) {
                throw e;
            }
            return Response.fromResponse(ErrorBody.response(e))
                    .header("Content-Range", "bytes */" + images.size(id, kind)).build();
        }
        StreamingOutput body = out -> {
            try (reader) {
                send(reader, out);
            }
        };
        Response.ResponseBuilder answer = range.isPresent()
                ? Response.status(Response.Status.PARTIAL_CONTENT).header("Content-Range", "bytes " + reader.offset() + "-"
                        + (reader.offset() + reader.length() - 1) + "/" + images.size(id, kind))
                : Response.ok();
        return answer.entity(body).type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(HttpHeaders.CONTENT_LENGTH, reader.length())
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", "attachment; filename=\"" + id + "\"")
                .build();
    }

    /**
     * The range by Undertow's transfer of a file to the socket (sendfile) when the reader has a file;
     * else, or off Undertow's request thread, copied through {@code out}.
     */
    private static void send(ImageReader reader, OutputStream out) throws IOException {
        Optional<Path> file = reader.file();
        ServletRequestContext request = ServletRequestContext.current();
        // the container's own stream: what JAX-RS injects is a proxy whose stream only copies
        ServletOutputStream stream = request == null ? null : request.getOriginalResponse().getOutputStream();
        if (file.isEmpty() || !(stream instanceof ServletOutputStreamImpl undertow)) {
            reader.copyTo(out);
            return;
        }
        // RESTEasy sets the status and headers on the servlet response when its own stream is first used
        out.flush();
        try (FileChannel slice = new FileSlice(FileChannel.open(file.get(), StandardOpenOption.READ), reader.offset(),
                reader.offset() + reader.length())) {
            undertow.transferFrom(slice);
        }
    }

    /** The request's declared body length, -1 without one. */
    public static long bodyLength(HttpHeaders headers) {
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null || length.isBlank() ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "Content-Length", length);
        }
    }
}
