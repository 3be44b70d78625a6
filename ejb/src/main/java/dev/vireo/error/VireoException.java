package dev.vireo.error;

import jakarta.ejb.ApplicationException;

/**
 * A failure with a stable code, an HTTP status and a sentence for the user. Services throw it;
 * the web layer turns it into {@code {"code": …, "reason": …}}. It rolls back the transaction.
 */
@ApplicationException(rollback = true)
public class VireoException extends RuntimeException {

    private final ErrorCode error;

    public VireoException(ErrorCode error, Object... args) {
        this(error, null, args);
    }

    public VireoException(ErrorCode error, Throwable cause, Object... args) {
        super(error.reason(args), cause);
        this.error = error;
    }

    public ErrorCode error() {
        return error;
    }

    public String code() {
        return error.code();
    }

    public int status() {
        return error.status();
    }

    public String reason() {
        return getMessage();
    }
}
