package dev.vireo.validation;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The seed's clone naming rule, for templates and VMs: {@code <name>-cloneN}, N one more than the highest taken. */
public final class CloneNames {

    private CloneNames() {
    }

    public static String next(String name, Collection<String> taken) {
        return next(name, "", taken);
    }

    /**
     * The same rule for a file name, applied before its extension so the copy keeps it:
     * {@code disk.qcow2} → {@code disk-clone1.qcow2} (as Kimchi names volume clones).
     */
    public static String nextKeepingExtension(String name, Collection<String> taken) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? next(name, taken) : next(name.substring(0, dot), name.substring(dot), taken);
    }

    private static String next(String base, String suffix, Collection<String> taken) {
        // nine digits at most: a longer number is someone's own name, not a clone count
        Pattern clone = Pattern.compile(Pattern.quote(base) + "-clone([1-9]\\d{0,8})" + Pattern.quote(suffix));
        int highest = 0;
        for (String existing : taken) {
            Matcher matcher = clone.matcher(existing);
            if (matcher.matches()) {
                highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
            }
        }
        return base + "-clone" + (highest + 1) + suffix;
    }
}
