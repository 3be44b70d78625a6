package dev.vireo.validation;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The one rule for names of VMs, templates, pools, volumes and networks: 1 to 64 letters (of any
 * script, as libvirt takes UTF-8 and Kimchi allows them), digits, '.', '_' and '-', starting with
 * a letter or a digit, in Unicode's composed form (NFC), so that two names that look alike are
 * one name. Such a name holds no space, control, format or markup character: it is safe in a URI
 * segment, a file name and libvirt XML, and cannot climb out of a directory.
 */
public final class ResourceName {

    public static final String PATTERN = "[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}._-]{0,63}";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private ResourceName() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches() && Normalizer.isNormalized(name, Normalizer.Form.NFC);
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
