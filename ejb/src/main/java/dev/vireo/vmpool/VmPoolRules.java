package dev.vireo.vmpool;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.validation.ResourceName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What a VM pool's fields, a lifetime and tags may be: checked before anything is written. */
public final class VmPoolRules {

    /** The largest disk a holder may add to a checked-out VM, in GiB. */
    static final int MAX_DISK_GIB = 16384;

    static final int MAX_SIZE = 200;
    static final int MAX_ALIASES = 16;
    static final int MAX_LIFETIME_HOURS = 24 * 365;
    static final int DEFAULT_LIFETIME_HOURS = 24;
    static final int DEFAULT_MAX_LIFETIME_HOURS = 168;
    static final int MAX_TAGS = 32;
    static final int MAX_TAG_VALUE = 255;

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private VmPoolRules() {
    }

    static String name(String name) {
        if (name == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        return ResourceName.require("VM pool", name);
    }

    static Set<String> aliases(String name, List<String> aliases) {
        if (aliases.size() > MAX_ALIASES) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "aliases", "at most " + MAX_ALIASES);
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String alias : aliases) {
            if (alias == null) {
                throw new VireoException(ErrorCode.INVALID_VALUE, "aliases", "null");
            }
            ResourceName.require("VM pool alias", alias);
            if (alias.equals(name) || !checked.add(alias)) {
                throw new VireoException(ErrorCode.INVALID_VALUE, "aliases", alias + " is named twice");
            }
        }
        return checked;
    }

    static int size(int size) {
        if (size < 0 || size > MAX_SIZE) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "size", size + ": use 0 to " + MAX_SIZE);
        }
        return size;
    }

    static int hours(String field, int hours) {
        if (hours < 1 || hours > MAX_LIFETIME_HOURS) {
            throw new VireoException(ErrorCode.INVALID_VALUE, field, hours + ": use 1 to " + MAX_LIFETIME_HOURS + " hours");
        }
        return hours;
    }

    static void lifetimes(int defaultLifetime, int maxLifetime) {
        if (defaultLifetime > maxLifetime) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "default_lifetime",
                    defaultLifetime + " hours is more than max_lifetime (" + maxLifetime + ")");
        }
    }

    /** A DNS suffix (lower-cased), or null. */
    static String domain(String domain) {
        if (domain == null || domain.isEmpty()) {
            return null;
        }
        String lower = domain.toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(lower).matches()) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "domain", "'" + domain + "' is not a DNS name");
        }
        return lower;
    }

    /** vmpooler's free-form tags: keys of letters, digits, '.', '_', '-'; values of at most 255 characters. */
    static void tags(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new VireoException(ErrorCode.VMPOOL_INVALID_TAG, tags.size() + " tags", "at most " + MAX_TAGS);
        }
        tags.forEach((key, value) -> {
            if (key == null || !TAG_KEY.matcher(key).matches()) {
                throw new VireoException(ErrorCode.VMPOOL_INVALID_TAG, key,
                        "use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            if (value == null || value.length() > MAX_TAG_VALUE || value.chars().anyMatch(Character::isISOControl)) {
                throw new VireoException(ErrorCode.VMPOOL_INVALID_TAG, key,
                        "its value must be a string of at most " + MAX_TAG_VALUE + " characters without control characters");
            }
        });
    }

    /** The GiB {@code size} says; 404 (as vmpooler answers) unless it is a whole number from 1 to 16384. */
    public static int diskGib(String size) {
        int gib = size != null && size.matches("[0-9]{1,5}") ? Integer.parseInt(size) : 0;
        if (gib < 1 || gib > MAX_DISK_GIB) {
            String shown = size == null ? "" : size.length() <= 64 ? size : size.substring(0, 64) + "…";
            throw new VireoException(ErrorCode.VMPOOL_BAD_REQUEST, "A disk's size is a whole number of GiB from 1 to "
                    + MAX_DISK_GIB + ", not '" + shown + "'");
        }
        return gib;
    }
}
