package dev.vireo.web.vmpooler;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.vmpool.OnDemandRequests;
import dev.vireo.vmpool.PoolCheckouts;
import dev.vireo.web.ActionBody;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** vmpooler's request bodies, which send numbers as strings as often as numbers ({@code {"debian-7":"2"}}). */
final class VmpoolerBodies {

    private VmpoolerBodies() {
    }

    /** {@code POST /vm}'s body: pool names (or aliases) and counts; vmpooler answers 404 to anything else. */
    static Map<String, Integer> counts(String body) {
        JsonObject json = object(body, ErrorCode.VMPOOL_BAD_REQUEST);
        if (json == null || json.isEmpty()) {
            throw new VireoException(ErrorCode.VMPOOL_BAD_REQUEST, "Send a JSON object of pool names and counts");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        json.forEach((pool, value) -> {
            Integer count = wholeNumber(value);
            if (count == null) {
                throw new VireoException(ErrorCode.VMPOOL_BAD_REQUEST, "The count of pool " + pool + " is not a whole number: "
                        + value);
            }
            counts.put(pool, count);
        });
        return counts;
    }

    /**
     * {@code POST /ondemandvm}'s body: pool names (or aliases) and counts, and optionally the
     * {@code request_id} to use; 400 for anything else (as vmpooler answers invalid JSON).
     */
    static OnDemandRequests.Ask onDemand(String body) {
        JsonObject json = object(body, ErrorCode.INVALID_VALUE);
        if (json == null || json.isEmpty()) {
            throw new VireoException(ErrorCode.MISSING_BODY);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        String requestId = null;
        for (Map.Entry<String, JsonValue> field : json.entrySet()) {
            if (field.getKey().equals("request_id")) {
                if (!(field.getValue() instanceof JsonString id)) {
                    throw new VireoException(ErrorCode.INVALID_VALUE, "request_id", "expected a string");
                }
                requestId = id.getString();
                continue;
            }
            Integer count = wholeNumber(field.getValue());
            if (count == null) {
                throw new VireoException(ErrorCode.INVALID_VALUE, "count of pool " + field.getKey(), "not a whole number");
            }
            counts.put(field.getKey(), count);
        }
        return new OnDemandRequests.Ask(counts, requestId);
    }

    /** {@code /config/poolsize}'s body: pool names and sizes; 400 for anything else. */
    static Map<String, Integer> sizes(String body) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        configObject(body).forEach((pool, value) -> {
            Integer size = wholeNumber(value);
            if (size == null) {
                throw new VireoException(ErrorCode.INVALID_VALUE, "size of pool " + pool, value + " is not a whole number");
            }
            sizes.put(pool, size);
        });
        return sizes;
    }

    /** {@code /config/pooltemplate}'s body: pool names and template names; 400 for anything else. */
    static Map<String, String> templates(String body) {
        Map<String, String> templates = new LinkedHashMap<>();
        configObject(body).forEach((pool, value) -> {
            if (!(value instanceof JsonString text)) {
                throw new VireoException(ErrorCode.INVALID_VALUE, "template of pool " + pool, value + " is not a name");
            }
            templates.put(pool, text.getString());
        });
        return templates;
    }

    private static JsonObject configObject(String body) {
        JsonObject json = object(body, ErrorCode.INVALID_VALUE);
        if (json == null || json.isEmpty()) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "the request body", "name at least one pool");
        }
        return json;
    }

    /** {@code POST /vm/a+a+b}: each name once per VM. */
    static Map<String, Integer> counts(String[] pools) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String pool : pools) {
            counts.merge(pool, 1, Integer::sum);
        }
        return counts;
    }

    /** {@code PUT /vm/<hostname>}'s body: {@code lifetime} (hours) and {@code tags} (an object of strings); 400 for anything else. */
    static PoolCheckouts.VmChange change(String body) {
        JsonObject json = object(body, ErrorCode.INVALID_VALUE);
        if (json == null) {
            throw new VireoException(ErrorCode.MISSING_BODY);
        }
        Integer lifetime = null;
        Map<String, String> tags = null;
        for (Map.Entry<String, JsonValue> field : json.entrySet()) {
            switch (field.getKey()) {
                case "lifetime" -> {
                    lifetime = wholeNumber(field.getValue());
                    if (lifetime == null) {
                        throw new VireoException(ErrorCode.INVALID_VALUE, "lifetime", field.getValue() + " is not a whole number of hours");
                    }
                }
                case "tags" -> tags = tags(field.getValue());
                default -> throw new VireoException(ErrorCode.UNKNOWN_FIELD, field.getKey());
            }
        }
        return new PoolCheckouts.VmChange(lifetime, tags);
    }

    private static Map<String, String> tags(JsonValue value) {
        if (!(value instanceof JsonObject object)) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "tags", "expected an object of strings");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        object.forEach((key, tag) -> {
            if (!(tag instanceof JsonString text)) {
                throw new VireoException(ErrorCode.VMPOOL_INVALID_TAG, key, "its value must be a string");
            }
            tags.put(key, text.getString());
        });
        return tags;
    }

    /** A whole number sent as a JSON number or a string of digits; null for anything else. */
    private static Integer wholeNumber(JsonValue value) {
        try {
            if (value instanceof JsonNumber number && number.isIntegral()) {
                return number.intValueExact();
            }
            if (value instanceof JsonString text && text.getString().matches("-?[0-9]{1,9}")) {
                return Integer.valueOf(text.getString());
            }
        } catch (ArithmeticException tooLarge) {
            return null;
        }
        return null;
    }

    /** The body as a JSON object, or null when there is none; refused as vmpooler refuses on that route. */
    private static JsonObject object(String body, ErrorCode refusal) {
        boolean checkout = refusal == ErrorCode.VMPOOL_BAD_REQUEST;
        JsonStructure json;
        try {
            json = ActionBody.parse(body);
        } catch (VireoException malformed) {
            throw checkout ? new VireoException(refusal, malformed.reason()) : malformed;
        }
        if (json == null) {
            return null;
        }
        if (json.getValueType() != JsonValue.ValueType.OBJECT) {
            throw checkout ? new VireoException(refusal, "The request body must be a JSON object")
                    : new VireoException(ErrorCode.INVALID_VALUE, "the request body", "expected a JSON object");
        }
        return json.asJsonObject();
    }
}
