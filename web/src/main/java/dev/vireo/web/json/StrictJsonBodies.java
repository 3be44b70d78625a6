package dev.vireo.web.json;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.validation.Limits;
import dev.vireo.web.kimchi.KimchiPathAlias;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Every request body the API reads whole: at most {@link Limits#BODY_BYTES} (413 above), and a
 * JSON body bound to a request type must fit that type ({@link JsonShape}) before JSON-B binds
 * it; under {@code /plugins/kimchi} the fields the type does not know are dropped first, as Kimchi
 * ignores them. Bodies read as streams (volume uploads) pass through; their readers bound them.
 */
@Provider
public class StrictJsonBodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Class<?> type = context.getType();
        if (InputStream.class.isAssignableFrom(type) || Reader.class.isAssignableFrom(type)) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readNBytes(Limits.BODY_BYTES + 1);
        if (body.length > Limits.BODY_BYTES) {
            throw new VireoException(ErrorCode.BODY_TOO_LARGE, Limits.BODY_BYTES);
        }
        if (isJson(context.getMediaType()) && isBound(type) && !isBlank(body)) {
            JsonValue json = parse(body);
            if (KimchiPathAlias.isKimchiFace()) {
                // Kimchi ignores the fields its schemas do not name; the native root names them (400)
                json = JsonShape.knownOnly(json, context.getGenericType());
                body = json.toString().getBytes(StandardCharsets.UTF_8);
            }
            JsonShape.check(json, context.getGenericType());
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private static JsonValue parse(byte[] body) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            return reader.readValue();
        } catch (RuntimeException e) {
            // JsonException, or Parsson's RuntimeException for input nested too deeply
            throw new VireoException(ErrorCode.MALFORMED_JSON, e, e.getMessage());
        }
    }

    private static boolean isJson(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json"));
    }

    /** Whether JSON-B binds the body to this type (texts and bytes are read as they are). */
    private static boolean isBound(Class<?> type) {
        return type != String.class && type != byte[].class && !JsonValue.class.isAssignableFrom(type);
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
