package dev.vireo.web.json;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON arrays of values that many requests read while few of them change (the VM list of a host
 * with thousands of VMs): each value is written once, and its bytes are reused for as long as the
 * same value comes again. Same means the same object: the services hand out the same view object
 * while nothing about it changed, and an identity lookup costs nothing, where hashing a thousand
 * records on every request would. Bounded: past {@link #LIMIT} values it starts afresh.
 */
@ApplicationScoped
public class JsonFragments {

    static final int LIMIT = 20_000;

    private final Map<Same, byte[]> written = new ConcurrentHashMap<>();

    /** The values as one JSON array, written as the seeds' JSON would be (see {@link JsonConfig}). */
    public StreamingOutput array(List<?> values) {
        List<byte[]> parts = values.stream().map(this::bytes).toList();
        return out -> {
            out.write('[');
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(parts.get(i));
            }
            out.write(']');
        };
    }

    /** A value as a JSON object, written as the seeds' JSON would be, for an answer that adds fields to it. */
    public JsonObject object(Object value) {
        try (JsonReader reader = Json.createReader(new StringReader(JsonConfig.jsonb().toJson(value)))) {
            return reader.readObject();
        }
    }

    byte[] bytes(Object value) {
        Same key = new Same(value);
        byte[] cached = written.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] json = JsonConfig.jsonb().toJson(value).getBytes(StandardCharsets.UTF_8);
        if (written.size() >= LIMIT) {
            written.clear();
        }
        written.put(key, json);
        return json;
    }
}
