package dev.vireo.web.error;

import dev.vireo.error.VireoException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A service's failure, as it described itself. */
@Provider
public class VireoExceptionMapper implements ExceptionMapper<VireoException> {

    @Override
    public Response toResponse(VireoException e) {
        return ErrorBody.response(e);
    }
}
