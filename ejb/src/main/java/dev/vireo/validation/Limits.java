package dev.vireo.validation;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.audit.AuditEvent;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one table of how much a request may carry: the longest string of each kind and the largest
 * body. Strings are checked by their field or parameter name before a service sees them; the
 * services' own rules (a name's pattern, a mail address) come after and are stricter. The README
 * lists these maxima ("Limits of a request").
 */
public final class Limits {

    /** A JSON request body, in bytes. */
    public static final int BODY_BYTES = 1 << 20;
    /** A multipart body (one chunk of a volume upload, at most 8 MiB, and its envelope), in bytes. */
    public static final int UPLOAD_BODY_BYTES = 9 << 20;

    /** Names of objects and of their members, wherever they come: a body, a path segment, a query. */
    public static final int NAME = 128;
    /** Paths, URLs, titles and descriptions. */
    public static final int LONG_TEXT = 4096;
    /** A client's audit log entry: what the audit log keeps. */
    public static final int LOG_CONTENT = AuditEvent.TEXT_LENGTH;
    /** Every other string: passwords, titles, types, addresses, filters. */
    public static final int TEXT = 1024;

    private static final Map<String, Integer> BY_FIELD = Stream.of(
                    names(NAME, "name", "vm", "pool", "vol", "dev", "snapshot", "group", "user", "role", "host",
                            "mac", "id", "network", "storagepool", "template", "token", "session", "_user_id",
                            "users", "groups", "roles", "permissions", "networks", "interfaces", "folder"),
                    names(LONG_TEXT, "path", "url", "cdrom", "icon", "description", "title", "target_uri", "devices",
                            "disks"),
                    names(LOG_CONTENT, "content"))
            .flatMap(Set::stream)
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private Limits() {
    }

    /** The most characters a string named {@code field} (a JSON field, a path or query parameter) may hold. */
    public static int maxLength(String field) {
        return BY_FIELD.getOrDefault(field, TEXT);
    }

    /**
     * Refuses (400, API0011E) a string longer than its field's maximum.
     *
     * @param field the name the table knows it by ({@code name}, {@code path}, …)
     * @param where how the answer names it: the field's place in the body ({@code disks[0].pool.name}) or the parameter
     */
    public static void requireLength(String field, String where, String value) {
        int max = maxLength(field);
        if (value != null && value.length() > max) {
            throw new VireoException(ErrorCode.TOO_LONG, where, max);
        }
    }

    private static Set<Map.Entry<String, Integer>> names(int max, String... fields) {
        return Stream.of(fields).collect(Collectors.toMap(Function.identity(), field -> max)).entrySet();
    }
}
