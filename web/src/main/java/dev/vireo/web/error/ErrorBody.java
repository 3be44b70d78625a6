package dev.vireo.web.error;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of every error answer: a stable code and a sentence naming the offending value. */
public record ErrorBody(String code, String reason) {

    public static Response response(VireoException e) {
        return response(e.status(), e.code(), e.reason());
    }

    /** {@code e} answered with another status than its own (an API face's). */
    static Response response(int status, VireoException e) {
        return response(status, e.code(), e.reason());
    }

    static Response response(ErrorCode error, Object... args) {
        return response(error.status(), error.code(), error.reason(args));
    }

    private static Response response(int status, String code, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, reason)).build();
    }
}
