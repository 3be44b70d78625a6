package dev.vireo.web.error;

import dev.vireo.error.VireoException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Everything else, including failures the EJB container wrapped: a Vireo failure or a validation
 * failure inside the wrapping is still answered as itself; the rest is an internal error.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof VireoException vireo) {
                return ErrorBody.response(vireo);
            }
            if (t instanceof ConstraintViolationException violations) {
                return new ConstraintViolationExceptionMapper().toResponse(violations);
            }
        }
        if (BodyErrors.isBodyError(e)) {
            return BodyErrors.toResponse(e);
        }
        return InternalErrors.toResponse(e);
    }
}
