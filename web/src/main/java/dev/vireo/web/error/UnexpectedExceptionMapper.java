package dev.vireo.web.error;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Everything else, including failures the EJB container wrapped: a Vireo failure or a validation
 * failure inside the wrapping is still answered as itself, a lost race for a row (an optimistic lock
 * failing at commit) as a conflict to retry; the rest is an internal error.
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
        if (lostARaceForARow(e)) {
            return ErrorBody.response(ErrorCode.CHANGED_MEANWHILE);
        }
        if (BodyErrors.isBodyError(e)) {
            return BodyErrors.toResponse(e);
        }
        return InternalErrors.toResponse(e);
    }

    /** Whether the failure is, at its root, a row another transaction changed first (JPA's optimistic lock at flush or commit). */
    static boolean lostARaceForARow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }
}
