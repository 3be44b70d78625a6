package dev.vireo.web;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.validation.Limits;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/**
 * What a request carries outside its JSON body, bounded by {@link Limits} before a resource runs:
 * a declared body length over the limit is a 413 before a byte of it is read, a path or query
 * parameter over its maximum a 400 naming it.
 */
@Provider
public class RequestLimits implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        int maxBody = type != null && (type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)
                || type.isCompatible(MediaType.APPLICATION_OCTET_STREAM_TYPE)) ? Limits.UPLOAD_BODY_BYTES : Limits.BODY_BYTES;
        if (declaredLength(request) > maxBody) {
            throw new VireoException(ErrorCode.BODY_TOO_LARGE, maxBody);
        }
        requireLengths(request.getUriInfo().getPathParameters());
        requireLengths(request.getUriInfo().getQueryParameters());
    }

    /** The Content-Length, -1 when absent; one too large for a long is over every limit too. */
    private static long declaredLength(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null || length.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void requireLengths(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            Limits.requireLength("", "a parameter name", name);
            for (String value : parameter.getValue()) {
                Limits.requireLength(name, name, value);
            }
        }
    }
}
