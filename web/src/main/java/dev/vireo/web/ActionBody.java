package dev.vireo.web;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.web.kimchi.KimchiPathAlias;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Bodies of actions with no or few parameters: absent, empty or a JSON object. A field nobody
 * asked for is refused (400) rather than silently ignored, so that a misspelt option is noticed;
 * under {@code /plugins/kimchi} it is ignored, as Kimchi does.
 */
public final class ActionBody {

    private ActionBody() {
    }

    /**
     * The body of an action that takes one optional whole-number parameter: absent, {@code {}} or
     * {@code {"field": n}}; anything else is refused.
     */
    public static Integer optionalInteger(String body, String field) {
        JsonObject json = object(body);
        if (json == null) {
            return null;
        }
        for (String key : json.keySet()) {
            if (!key.equals(field)) {
                unknown(key);
            }
        }
        JsonValue value = json.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new VireoException(ErrorCode.INVALID_VALUE, field, value + " is not a whole number");
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException tooLarge) {
            throw new VireoException(ErrorCode.INVALID_VALUE, field, value + " is out of range");
        }
    }

    /** A JSON body the request cannot do without; an absent one is a 400 (API0008E). */
    public static <T> T required(T body) {
        if (body == null) {
            throw new VireoException(ErrorCode.MISSING_BODY);
        }
        return body;
    }

    /** The body of an action that needs one whole-number parameter: {@code {"field": n}}. */
    public static Long requiredLong(String body, String field) {
        JsonObject json = object(body);
        if (json == null || !json.containsKey(field)) {
            throw new VireoException(ErrorCode.MISSING_FIELD, field);
        }
        for (String key : json.keySet()) {
            if (!key.equals(field)) {
                unknown(key);
            }
        }
        JsonValue value = json.get(field);
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new VireoException(ErrorCode.INVALID_VALUE, field, value + " is not a whole number");
        }
        return number.longValueExact();
    }

    /**
     * The body of an action whose parameters are all optional texts: absent, {@code {}} or
     * {@code {"field": "text", …}} with only the fields named; absent ones map to null.
     */
    public static Map<String, String> optionalStrings(String body, String... fields) {
        Map<String, String> values = new HashMap<>();
        eachNamed(body, fields, (field, value) -> {
            if (value instanceof JsonString text) {
                values.put(field, text.getString());
            } else if (value.getValueType() != JsonValue.ValueType.NULL) {
                throw new VireoException(ErrorCode.INVALID_VALUE, field, value + " is not a text");
            }
        });
        return values;
    }

    /**
     * The body of an action whose parameters are all optional flags: absent, {@code {}} or
     * {@code {"field": true, …}} with only the fields named; absent ones are false.
     */
    public static Map<String, Boolean> optionalBooleans(String body, String... fields) {
        Map<String, Boolean> values = new HashMap<>();
        for (String field : fields) {
            values.put(field, false);
        }
        eachNamed(body, fields, (field, value) -> {
            if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                values.put(field, value == JsonValue.TRUE);
            } else if (value.getValueType() != JsonValue.ValueType.NULL) {
                throw new VireoException(ErrorCode.INVALID_VALUE, field, value + " is not true or false");
            }
        });
        return values;
    }

    /**
     * The body of an action whose parameters are optional flags and texts: absent, {@code {}} or an
     * object with only the fields named; a text field's absent value is null, a flag's false.
     */
    public static Options optionalOptions(String body, Set<String> flags, Set<String> texts) {
        Map<String, Boolean> flagValues = new HashMap<>();
        Map<String, String> textValues = new HashMap<>();
        Set<String> fields = new java.util.HashSet<>(flags);
        fields.addAll(texts);
        eachNamed(body, fields.toArray(String[]::new), (field, value) -> {
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return;
            }
            if (flags.contains(field)) {
                if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                    throw new VireoException(ErrorCode.INVALID_VALUE, field, value + " is not true or false");
                }
                flagValues.put(field, value == JsonValue.TRUE);
            } else if (value instanceof JsonString text) {
                textValues.put(field, text.getString());
            } else {
                throw new VireoException(ErrorCode.INVALID_VALUE, field, value + " is not a text");
            }
        });
        return new Options(flagValues, textValues);
    }

    /** What {@link #optionalOptions} read. */
    public record Options(Map<String, Boolean> flags, Map<String, String> texts) {

        public boolean flag(String field) {
            return flags.getOrDefault(field, false);
        }

        public String text(String field) {
            return texts.get(field);
        }
    }

    /** Hands each field of the body to {@code take}: only the fields named; others are {@link #unknown}. */
    private static void eachNamed(String body, String[] fields, BiConsumer<String, JsonValue> take) {
        JsonObject json = object(body);
        if (json == null) {
            return;
        }
        Set<String> allowed = Set.of(fields);
        for (Map.Entry<String, JsonValue> entry : json.entrySet()) {
            if (allowed.contains(entry.getKey())) {
                take.accept(entry.getKey(), entry.getValue());
            } else {
                unknown(entry.getKey());
            }
        }
    }

    public static void requireNoParameters(String body) {
        JsonObject json = object(body);
        if (json != null) {
            json.keySet().stream().findFirst().ifPresent(ActionBody::unknown);
        }
    }

    /** A field the action does not take: refused on the native root, ignored under Kimchi's. */
    private static void unknown(String field) {
        if (!KimchiPathAlias.isKimchiFace()) {
            throw new VireoException(ErrorCode.UNKNOWN_FIELD, field);
        }
    }

    /** The body as JSON; null when there is none; 400 (API0001E) when it is not JSON. */
    public static JsonStructure parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        } catch (RuntimeException e) {
            // JsonException, or Parsson's RuntimeException for input nested too deeply
            throw new VireoException(ErrorCode.MALFORMED_JSON, e, e.getMessage());
        }
    }

    /** The body as a JSON object; null when there is none. */
    private static JsonObject object(String body) {
        JsonStructure json = parse(body);
        if (json == null) {
            return null;
        }
        if (json.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "the request body", "expected a JSON object");
        }
        return json.asJsonObject();
    }
}
