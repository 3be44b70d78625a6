package dev.vireo.web.vmpooler;

import dev.vireo.web.error.ErrorBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * vmpooler answers a failure with {@code {"ok": false}}; its routes here add Vireo's code and
 * sentence to it, so that a vmpooler client reads what it expects and a person reads why.
 */
@Provider
public class VmpoolerAnswers implements ContainerResponseFilter {

    /** Marks a request the face handed to a native route (its tokens are Vireo's {@code /api/token}). */
    static final String THROUGH_THE_FACE = "dev.vireo.vmpooler.face";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = "/" + request.getUriInfo().getPath(false).replaceFirst("^/", "");
        boolean vmpooler = path.equals(VmpoolerFace.ROOT) || path.startsWith(VmpoolerFace.ROOT + "/")
                || Boolean.TRUE.equals(request.getProperty(THROUGH_THE_FACE));
        if (!vmpooler || !(response.getEntity() instanceof ErrorBody error)) {
            return;
        }
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("ok", false);
        failure.put("code", error.code());
        failure.put("reason", error.reason());
        response.setEntity(failure, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
    }
}
