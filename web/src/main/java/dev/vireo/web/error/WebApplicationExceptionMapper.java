package dev.vireo.web.error;

import dev.vireo.error.ErrorCode;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The JAX-RS runtime's own refusals (no such path, wrong method, wrong media type, bad parameter). */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(WebApplicationException e) {
        if (BodyErrors.isBodyError(e)) {
            return BodyErrors.toResponse(e);
        }
        int status = e.getResponse().getStatus();
        Response answer = switch (status) {
            case 404 -> ErrorBody.response(ErrorCode.NO_SUCH_RESOURCE, uri.getRequestUri().getPath());
            case 405 -> ErrorBody.response(ErrorCode.METHOD_NOT_ALLOWED, request.getMethod(), uri.getRequestUri().getPath());
            case 406 -> ErrorBody.response(ErrorCode.NOT_ACCEPTABLE, headers.getAcceptableMediaTypes());
            case 415 -> ErrorBody.response(ErrorCode.UNSUPPORTED_MEDIA_TYPE, headers.getMediaType());
            default -> status < 500
                    ? ErrorBody.response(ErrorCode.INVALID_VALUE, "the request", e.getMessage())
                    : InternalErrors.toResponse(e);
        };
        if (e instanceof NotAllowedException && e.getResponse().getAllowedMethods() != null) {
            answer = Response.fromResponse(answer).allow(e.getResponse().getAllowedMethods()).build();
        }
        return answer;
    }
}
