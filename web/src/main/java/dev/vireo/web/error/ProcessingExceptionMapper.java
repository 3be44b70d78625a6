package dev.vireo.web.error;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body the JSON binding could not read. */
@Provider
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException e) {
        return BodyErrors.isBodyError(e) ? BodyErrors.toResponse(e) : InternalErrors.toResponse(e);
    }
}
