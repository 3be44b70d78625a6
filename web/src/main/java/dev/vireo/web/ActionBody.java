package dev.vireo.web;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * The body of an action that takes no parameters: absent, empty or {@code {}}. A field in it is
 * refused (400) rather than silently ignored, so that a misspelt option is noticed.
 */
public final class ActionBody {

    private ActionBody() {
    }

    public static void requireNoParameters(String body) {
        if (body == null || body.isBlank()) {
            return;
        }
        JsonStructure json;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            json = reader.read();
        } catch (JsonException e) {
            throw new VireoException(ErrorCode.MALFORMED_JSON, e, e.getMessage());
        }
        if (json.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "the request body", "expected a JSON object");
        }
        json.asJsonObject().keySet().stream().findFirst().ifPresent(field -> {
            throw new VireoException(ErrorCode.UNKNOWN_FIELD, field);
        });
    }
}
