package dev.vireo.host;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;

/** The API's true/false query filters ({@code _inuse}, {@code _passthrough}, …). */
final class BooleanFilter {

    private BooleanFilter() {
    }

    /** null when absent; {@code true} or {@code false} (any case); else a 400 naming the filter. */
    static Boolean parse(String filter, String value) {
        if (value == null) {
            return null;
        }
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.valueOf(value);
        }
        throw new VireoException(ErrorCode.INVALID_FILTER, filter, value, "use true or false");
    }
}
