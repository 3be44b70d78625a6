package dev.vireo.web.security;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.web.error.ErrorBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Refuses (415) bodies of the content types an HTML form of any site can send (urlencoded,
 * multipart, plain text) on every API operation that does not name one of them in its
 * {@code @Consumes}: those that take no body as well as those that take JSON. Only the chunk
 * upload takes multipart.
 */
@Provider
public class FormBodyRefusal implements ContainerRequestFilter {

    private static final List<MediaType> FORM_TYPES = List.of(MediaType.APPLICATION_FORM_URLENCODED_TYPE,
            MediaType.MULTIPART_FORM_DATA_TYPE, MediaType.TEXT_PLAIN_TYPE);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || SAFE_METHODS.contains(request.getMethod()) || !hasBody(request)
                || FORM_TYPES.stream().noneMatch(form -> form.isCompatible(type)) || consumed(type)) {
            return;
        }
        request.abortWith(ErrorBody.response(new VireoException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                type.getType() + "/" + type.getSubtype())));
    }

    /**
     * Many clients label an empty POST as a form (REST Assured, HTML forms without fields): with
     * nothing in it, it carries nothing a form could slip in; where it comes from is the
     * authentication mechanism's concern ({@link CrossSiteGuard}).
     */
    private static boolean hasBody(ContainerRequestContext request) {
        int length = request.getLength();
        return length > 0 || length < 0 && request.getHeaderString("Transfer-Encoding") != null;
    }

    private boolean consumed(MediaType type) {
        if (resource == null || resource.getResourceMethod() == null) {
            return false;
        }
        Consumes consumes = resource.getResourceMethod().getAnnotation(Consumes.class);
        if (consumes == null && resource.getResourceClass() != null) {
            consumes = resource.getResourceClass().getAnnotation(Consumes.class);
        }
        return consumes != null && Arrays.stream(consumes.value())
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(value -> MediaType.valueOf(value.trim()))
                .anyMatch(accepted -> accepted.isCompatible(type) && !accepted.isWildcardType());
    }
}
