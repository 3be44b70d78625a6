package dev.vireo.web.error;

import dev.vireo.error.ErrorCode;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Failures to read a request body: not JSON at all, a field nobody knows, a value of the wrong type. */
final class BodyErrors {

    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile(
            "(?:[Uu]nknown propert(?:y|ies)\\W+|Json property )([^'\"\\]\\s,]+)");

    /** How JSON-B names the property it failed on; nested failures name each level. */
    private static final Pattern PROPERTY = Pattern.compile("deserialize property '([^']+)'");

    private BodyErrors() {
    }

    static boolean isBodyError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonException || t instanceof JsonbException) {
                return true;
            }
        }
        return false;
    }

    static Response toResponse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParsingException parsing) {
                return ErrorBody.response(ErrorCode.MALFORMED_JSON, parsing.getMessage());
            }
            Matcher unknown = UNKNOWN_PROPERTY.matcher(String.valueOf(t.getMessage()));
            if (unknown.find()) {
                return ErrorBody.response(ErrorCode.UNKNOWN_FIELD, unknown.group(1));
            }
        }
        Throwable deepest = e;
        // outer messages repeat the inner ones: keep each property once, outermost first
        Set<String> path = new LinkedHashSet<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            deepest = t;
            Matcher property = PROPERTY.matcher(String.valueOf(t.getMessage()));
            while (property.find()) {
                path.add(property.group(1));
            }
        }
        if (deepest instanceof JsonException && !(deepest instanceof JsonbException)) {
            return ErrorBody.response(ErrorCode.MALFORMED_JSON, deepest.getMessage());
        }
        String field = path.isEmpty() ? "the request body" : String.join(".", path);
        return ErrorBody.response(ErrorCode.INVALID_VALUE, field, deepest.getMessage());
    }
}
