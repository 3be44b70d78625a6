package dev.vireo.audit;

import dev.vireo.security.Secrets;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** The resource a service call is about, read from its leading parameters. Never anything else: no secrets. */
final class AuditTargets {

    private AuditTargets() {
    }

    /**
     * Joins the first {@code count} parameters with '/': strings as they are, enum constants in
     * lower case, records by their {@code name} component; nulls and other values are left out.
     */
    static String of(Object[] parameters, int count) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(count, parameters.length); i++) {
            String part = name(parameters[i]);
            if (part != null) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }

    private static String name(Object parameter) {
        if (parameter instanceof String text) {
            // a token or session given by its full value is named by its public id
            return Secrets.parse(text).map(Secrets.Presented::id).orElse(text);
        }
        if (parameter instanceof Enum<?> constant) {
            return constant.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (parameter instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (component.getName().equals("name") && component.getType() == String.class) {
                    try {
                        return (String) component.getAccessor().invoke(record);
                    } catch (ReflectiveOperationException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
