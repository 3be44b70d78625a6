package dev.vireo.web.error;

import dev.vireo.audit.AuditLog;
import dev.vireo.error.ErrorCode;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A service refused the caller (its role lacks the permission): 403, and the refusal is audited. */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<EJBAccessException> {

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Context
    SecurityContext security;

    @EJB
    AuditLog audit;

    @Override
    public Response toResponse(EJBAccessException e) {
        String who = security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
        String what = request.getMethod() + " " + uri.getRequestUri().getPath();
        audit.recordAlone("refused", what, ErrorCode.NOT_ALLOWED.code(), null);
        return ErrorBody.response(ErrorCode.NOT_ALLOWED, who, what);
    }
}
