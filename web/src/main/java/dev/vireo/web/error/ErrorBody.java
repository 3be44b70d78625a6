package dev.vireo.web.error;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The body of every error answer: a stable code and a sentence naming the offending value. */
public record ErrorBody(String code, String reason) {

    private static final Logger LOG = Logger.getLogger(ErrorBody.class.getName());

    public static Response response(VireoException e) {
        logIfUnplanned(e);
        return response(e.status(), e.code(), e.reason());
    }

    /** {@code e} answered with another status than its own (an API face's). */
    static Response response(int status, VireoException e) {
        logIfUnplanned(e);
        return response(status, e.code(), e.reason());
    }

    /**
     * A failure whose own status is 500 (the hypervisor's error of no known kind, a task that failed)
     * goes to the log with its cause, libvirt's error included: the answer alone names no place.
     */
    private static void logIfUnplanned(VireoException e) {
        if (e.status() == 500) {
            LOG.log(Level.WARNING, e.code() + " " + e.reason(), e);
        }
    }

    static Response response(ErrorCode error, Object... args) {
        return response(error.status(), error.code(), error.reason(args));
    }

    private static Response response(int status, String code, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, reason)).build();
    }
}
