package dev.vireo.domain;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a JSON document event by event, without recursion, refusing it (400) as soon as it nests
 * deeper or holds more values or longer strings than a domain definition ever needs: a hostile
 * body cannot exhaust the stack or the heap before it is refused.
 */
final class BoundedJson {

    private static final JsonProvider JSON = DomainJson.JSON;

    /** JSON nesting: a domain's elements nest about 8 deep, and each repeated element adds an array level. */
    static final int MAX_DEPTH = 64;
    static final int MAX_VALUES = 20_000;
    static final int MAX_STRING = 65_536;

    private BoundedJson() {
    }

    /** One open object or array: its builder, and the key it goes under in its parent (null in an array). */
    private static final class Open {
        final JsonObjectBuilder object;
        final JsonArrayBuilder array;
        final String key;
        final java.util.Set<String> keys = new java.util.HashSet<>();

        Open(JsonObjectBuilder object, JsonArrayBuilder array, String key) {
            this.object = object;
            this.array = array;
            this.key = key;
        }

        JsonValue build() {
            return object != null ? object.build() : array.build();
        }
    }

    /** The JSON object {@code text} holds; a 400 (XEN0001E) for anything else or anything over the limits. */
    static JsonObject readObject(String text) {
        if (text == null || text.isBlank()) {
            throw new VireoException(ErrorCode.MISSING_BODY);
        }
        Deque<Open> open = new ArrayDeque<>();
        String key = null;
        JsonValue done = null;
        int values = 0;
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (done != null) {
                    throw invalid("the body holds more than one JSON value");
                }
                if (++values > MAX_VALUES) {
                    throw invalid("more than " + MAX_VALUES + " values");
                }
                switch (event) {
                    case KEY_NAME -> {
                        key = parser.getString();
                        requireLength(key);
                    }
                    case START_OBJECT, START_ARRAY -> {
                        if (open.isEmpty() && event == JsonParser.Event.START_ARRAY) {
                            throw notAnObject("an array");
                        }
                        if (open.size() >= MAX_DEPTH) {
                            throw invalid("nested deeper than " + MAX_DEPTH + " levels");
                        }
                        open.push(event == JsonParser.Event.START_OBJECT
                                ? new Open(JSON.createObjectBuilder(), null, key)
                                : new Open(null, JSON.createArrayBuilder(), key));
                        key = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        Open closed = open.pop();
                        JsonValue value = closed.build();
                        if (open.isEmpty()) {
                            done = value;
                        } else {
                            add(open.peek(), closed.key, value);
                        }
                    }
                    default -> {
                        if (open.isEmpty()) {
                            throw notAnObject(event.name().toLowerCase(java.util.Locale.ROOT).replace("value_", "a "));
                        }
                        JsonValue value = parser.getValue();
                        if (value instanceof jakarta.json.JsonString string) {
                            requireLength(string.getString());
                        }
                        add(open.peek(), key, value);
                        key = null;
                    }
                }
            }
        } catch (JsonException e) {
            throw new VireoException(ErrorCode.MALFORMED_JSON, e, e.getMessage());
        } catch (java.util.NoSuchElementException | IllegalStateException e) {
            throw new VireoException(ErrorCode.MALFORMED_JSON, e, "incomplete JSON");
        }
        if (!(done instanceof JsonObject object)) {
            throw notAnObject("no object");
        }
        return object;
    }

    private static void add(Open parent, String key, JsonValue value) {
        if (parent.object != null) {
            if (!parent.keys.add(key)) {
                throw invalid("the key '" + key + "' appears twice in one object");
            }
            parent.object.add(key, value);
        } else {
            parent.array.add(value);
        }
    }

    private static void requireLength(String text) {
        if (text.length() > MAX_STRING) {
            throw invalid("a string of " + text.length() + " characters (at most " + MAX_STRING + ")");
        }
    }

    private static VireoException notAnObject(String what) {
        return new VireoException(ErrorCode.INVALID_VALUE, "the body", "a JSON object is needed, not " + what);
    }

    private static VireoException invalid(String why) {
        return new VireoException(ErrorCode.XEN_INVALID_DEFINITION, why);
    }
}
