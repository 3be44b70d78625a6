package dev.vireo.web.json;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.validation.Limits;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Checks a JSON request body against the Java type it is about to be bound to, before JSON-B
 * binds it: JSON-B would turn {@code 0} or {@code true} into the text "0" or "true" and wrap a
 * number too large for its field. Here a value of the wrong JSON type, a number out of its
 * field's range and a string over its field's {@link Limits maximum} are refused (400), named by
 * their place in the body ({@code disks[0].pool.name}). Fields the type does not know are left to
 * JSON-B, which refuses them, unless {@link #knownOnly} took them out first (Kimchi ignores them).
 */
final class JsonShape {

    private static final BigDecimal MAX_DOUBLE = BigDecimal.valueOf(Double.MAX_VALUE);

    private JsonShape() {
    }

    /** Refuses {@code body} unless it fits {@code type}. */
    static void check(JsonValue body, Type type) {
        check(body, type, null, null);
    }

    /**
     * @param where the value's place in the body, null for the body itself
     * @param field the name of the field the value belongs to (a list's elements belong to the list's field)
     */
    private static void check(JsonValue value, Type type, String where, String field) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        Class<?> raw = raw(type);
        if (raw == String.class || raw == Character.class || raw == char.class) {
            JsonString text = expect(value, JsonString.class, "a text", where);
            Limits.requireLength(field == null ? "" : field, place(where), text.getString());
        } else if (raw == Boolean.class || raw == boolean.class) {
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                throw wrongType(where, "true or false", value);
            }
        } else if (raw == Integer.class || raw == int.class) {
            wholeNumber(value, where, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE);
        } else if (raw == Long.class || raw == long.class) {
            wholeNumber(value, where, Long.MIN_VALUE, Long.MAX_VALUE);
        } else if (raw == Short.class || raw == short.class) {
            wholeNumber(value, where, (long) Short.MIN_VALUE, (long) Short.MAX_VALUE);
        } else if (raw == Byte.class || raw == byte.class) {
            wholeNumber(value, where, (long) Byte.MIN_VALUE, (long) Byte.MAX_VALUE);
        } else if (raw == BigInteger.class) {
            wholeNumber(value, where, null, null);
        } else if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            JsonNumber number = expect(value, JsonNumber.class, "a number", where);
            if (number.bigDecimalValue().abs().compareTo(MAX_DOUBLE) > 0) {
                throw new VireoException(ErrorCode.INVALID_VALUE, place(where), number + " is out of range");
            }
        } else if (Number.class.isAssignableFrom(raw)) {
            expect(value, JsonNumber.class, "a number", where);
        } else if (raw.isEnum()) {
            expect(value, JsonString.class, "a text", where);
        } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            JsonArray list = expect(value, JsonArray.class, "a list", where);
            Type element = element(type);
            for (int i = 0; i < list.size(); i++) {
                check(list.get(i), element, place(where) + "[" + i + "]", field);
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            JsonObject object = expect(value, JsonObject.class, "an object", where);
            Type valueType = type instanceof ParameterizedType map ? map.getActualTypeArguments()[1] : Object.class;
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                Limits.requireLength("", place(where) + " field name", entry.getKey());
                check(entry.getValue(), valueType, member(where, entry.getKey()), entry.getKey());
            }
        } else if (raw.isRecord() || isBean(raw)) {
            JsonObject object = expect(value, JsonObject.class, "an object", where);
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                Type property = property(raw, entry.getKey());
                if (property != null) {
                    check(entry.getValue(), property, member(where, entry.getKey()), entry.getKey());
                }
            }
        }
        // anything else (Object, JsonValue) takes any JSON
    }

    /** {@code value} without the fields {@code type} does not know, at every depth. */
    static JsonValue knownOnly(JsonValue value, Type type) {
        Class<?> raw = raw(type);
        if (value instanceof JsonArray list && (Collection.class.isAssignableFrom(raw) || raw.isArray())) {
            JsonArrayBuilder known = Json.createArrayBuilder();
            list.forEach(element -> known.add(knownOnly(element, element(type))));
            return known.build();
        }
        if (value instanceof JsonObject object && Map.class.isAssignableFrom(raw)) {
            Type valueType = type instanceof ParameterizedType map ? map.getActualTypeArguments()[1] : Object.class;
            JsonObjectBuilder known = Json.createObjectBuilder();
            object.forEach((key, member) -> known.add(key, knownOnly(member, valueType)));
            return known.build();
        }
        if (value instanceof JsonObject object && (raw.isRecord() || isBean(raw))) {
            JsonObjectBuilder known = Json.createObjectBuilder();
            object.forEach((key, member) -> {
                Type property = property(raw, key);
                if (property != null) {
                    known.add(key, knownOnly(member, property));
                }
            });
            return known.build();
        }
        return value;
    }

    private static void wholeNumber(JsonValue value, String where, Long min, Long max) {
        JsonNumber number = expect(value, JsonNumber.class, "a whole number", where);
        if (!number.isIntegral()) {
            throw wrongType(where, "a whole number", value);
        }
        BigDecimal exact = number.bigDecimalValue();
        if (min != null && (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0)) {
            throw new VireoException(ErrorCode.INVALID_VALUE, place(where),
                    abbreviate(number.toString()) + " is out of range (" + min + " to " + max + ")");
        }
    }

    private static <T extends JsonValue> T expect(JsonValue value, Class<T> kind, String expected, String where) {
        if (!kind.isInstance(value)) {
            throw wrongType(where, expected, value);
        }
        return kind.cast(value);
    }

    /** Names what came by its JSON type only: the value may be a secret sent in the wrong field. */
    private static VireoException wrongType(String where, String expected, JsonValue value) {
        String got = switch (value.getValueType()) {
            case STRING -> "a text";
            case NUMBER -> ((JsonNumber) value).isIntegral() ? "a whole number" : "a number";
            case TRUE, FALSE -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
        };
        return new VireoException(ErrorCode.INVALID_VALUE, place(where), "expected " + expected + ", got " + got);
    }

    /** The type of the property a record or bean binds {@code json} to, or null when it has none. */
    private static Type property(Class<?> type, String json) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (json.equals(jsonName(type, component.getName()))) {
                    return component.getGenericType();
                }
            }
            return null;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())
                        && json.equals(jsonName(c, field.getName()))) {
                    return field.getGenericType();
                }
            }
        }
        return null;
    }

    /** The property's name in JSON: its {@link JsonbProperty}, else as {@link JsonConfig}'s naming strategy writes it. */
    private static String jsonName(Class<?> type, String javaName) {
        try {
            JsonbProperty named = type.getDeclaredField(javaName).getAnnotation(JsonbProperty.class);
            if (named != null && !named.value().isEmpty()) {
                return named.value();
            }
        } catch (NoSuchFieldException e) {
            // a property without a field: named by the strategy
        }
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    name.append('_');
                }
                name.append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static boolean isBean(Class<?> type) {
        return !type.isPrimitive() && !type.isInterface() && !type.getName().startsWith("java.")
                && !type.getName().startsWith("jakarta.");
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return raw(parameterized.getRawType());
        }
        if (type instanceof GenericArrayType array) {
            return java.lang.reflect.Array.newInstance(raw(array.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }

    private static Type element(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[0];
        }
        if (type instanceof GenericArrayType array) {
            return array.getGenericComponentType();
        }
        if (type instanceof Class<?> c && c.isArray()) {
            return c.getComponentType();
        }
        return Object.class;
    }

    private static String member(String where, String key) {
        return where == null ? key : where + "." + key;
    }

    private static String place(String where) {
        return where == null ? "the request body" : where;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
