package dev.vireo.web.error;

import dev.vireo.error.VireoException;
import dev.vireo.web.kimchi.KimchiStatuses;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A service's failure, as it described itself (with Kimchi's status under its root). */
@Provider
public class VireoExceptionMapper implements ExceptionMapper<VireoException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(VireoException e) {
        return ErrorBody.response(KimchiStatuses.of(e, uri.getPath()), e);
    }
}
