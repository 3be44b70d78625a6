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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JAX-RS runtime's own refusals (no such path, wrong method, wrong media type, bad parameter). */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    /** How RESTEasy names a parameter it could not convert: {@code QueryParam("limit") value is 'abc' for …}. */
    private static final Pattern UNREADABLE_PARAMETER = Pattern.compile(
            "(?:Query|Path|Header|Matrix|Form|Cookie)Param\\(\"([^\"]+)\"\\) value is '(.*?)'(?: for |$)", Pattern.DOTALL);

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
        Matcher parameter = UNREADABLE_PARAMETER.matcher(String.valueOf(e.getMessage()));
        if (parameter.find()) {
            // JAX-RS answers 404 for a query parameter it cannot convert (limit=abc, a number out of range)
            return ErrorBody.response(ErrorCode.INVALID_VALUE, parameter.group(1),
                    "'" + abbreviate(parameter.group(2)) + "' is not a valid value");
        }
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

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
