package dev.vireo.domain;

import java.util.Locale;

/** How the Xen REST face names a domain: by UUID (with or without its dashes) or by name. */
final class DomainIds {

    private DomainIds() {
    }

    /** The 32 lowercase hex digits of a UUID, or null when {@code id} is not one. */
    static String uuidKey(String id) {
        if (id == null) {
            return null;
        }
        String digits = id.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
                ? id.replace("-", "") : id;
        return digits.matches("[0-9a-fA-F]{32}") ? digits.toLowerCase(Locale.ROOT) : null;
    }
}
