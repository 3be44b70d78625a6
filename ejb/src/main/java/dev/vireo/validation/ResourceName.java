package dev.vireo.validation;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.regex.Pattern;

/**
 * The one rule for names of VMs, templates, pools, volumes and networks: 1 to 64 characters of
 * ASCII letters, digits, '.', '_' and '-', starting with a letter or a digit. Such a name is safe
 * in a URI segment, a file name and libvirt XML, and cannot climb out of a directory.
 */
public final class ResourceName {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private ResourceName() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /**
     * Returns the name when it is valid, else throws a 400 naming the kind of resource.
     *
     * @param kind what is named, in the user's words: "virtual machine", "storage pool", …
     */
    public static String require(String kind, String name) {
        if (!isValid(name)) {
            throw new VireoException(ErrorCode.INVALID_NAME, kind, name == null ? "" : name);
        }
        return name;
    }
}
