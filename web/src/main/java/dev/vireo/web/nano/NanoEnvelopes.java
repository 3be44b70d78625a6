package dev.vireo.web.nano;

import dev.vireo.web.VireoApplication;
import dev.vireo.web.error.ErrorBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.Provider;

/**
 * Wraps what Nano's resources answer, results and errors alike, in {@link NanoEnvelope}; an answer
 * without a body (a 204) becomes a 200 with an envelope, as Nano's clients read one from every call.
 */
@Provider
public class NanoEnvelopes implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!NanoEnvelope.covers(VireoApplication.ROOT + "/" + request.getUriInfo().getPath(false).replaceFirst("^/", ""))) {
            return;
        }
        Object entity = response.getEntity();
        if (entity instanceof StreamingOutput) {
            return; // a file's content (a media image's download) goes as it is
        }
        NanoEnvelope envelope = entity instanceof ErrorBody error
                ? NanoEnvelope.failure(response.getStatus(), error.code(), error.reason())
                : NanoEnvelope.of(entity);
        if (response.getStatus() == Response.Status.NO_CONTENT.getStatusCode()) {
            response.setStatus(Response.Status.OK.getStatusCode());
        }
        response.setEntity(envelope, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
    }
}
