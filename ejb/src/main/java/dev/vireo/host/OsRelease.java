package dev.vireo.host;

import java.util.HashMap;
import java.util.Map;

/**
 * The distribution as /etc/os-release names it.
 *
 * @param distro   {@code NAME} ("Debian GNU/Linux")
 * @param version  {@code VERSION_ID} ("12")
 * @param codename {@code VERSION_CODENAME}, or the word in parentheses of {@code VERSION} ("bookworm")
 */
record OsRelease(String distro, String version, String codename) {

    static final OsRelease UNKNOWN = new OsRelease(null, null, null);

    static OsRelease parse(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (line.isBlank() || line.strip().startsWith("#") || equals < 1) {
                continue;
            }
            values.put(line.substring(0, equals).strip(), unquote(line.substring(equals + 1).strip()));
        }
        String codename = values.get("VERSION_CODENAME");
        String version = values.get("VERSION");
        if ((codename == null || codename.isEmpty()) && version != null && version.contains("(") && version.endsWith(")")) {
            codename = version.substring(version.indexOf('(') + 1, version.length() - 1).strip();
        }
        return new OsRelease(values.get("NAME"), values.get("VERSION_ID"), codename == null || codename.isEmpty() ? null : codename);
    }

    /** Shell-style quoting as os-release(5) allows it: "…" or '…', with backslash escapes. */
    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        return value.replaceAll("\\\\(.)", "$1");
    }
}
