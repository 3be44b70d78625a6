package dev.vireo.web.error;

import dev.vireo.error.ErrorCode;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A failure nobody planned for: logged in full under a reference the user can quote, never shown. */
final class InternalErrors {

    private static final Logger LOG = Logger.getLogger(InternalErrors.class.getName());

    private InternalErrors() {
    }

    static Response toResponse(Throwable e) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "Internal error " + reference, e);
        return ErrorBody.response(ErrorCode.INTERNAL, reference);
    }
}
