package dev.vireo.validation;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The seed's clone naming rule, for templates and VMs: {@code <name>-cloneN}, N one more than the highest taken. */
public final class CloneNames {

    private CloneNames() {
    }

    public static String next(String name, Collection<String> taken) {
        // nine digits at most: a longer number is someone's own name, not a clone count
        Pattern clone = Pattern.compile(Pattern.quote(name) + "-clone([1-9]\\d{0,8})");
        int highest = 0;
        for (String existing : taken) {
            Matcher matcher = clone.matcher(existing);
            if (matcher.matches()) {
                highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
            }
        }
        return name + "-clone" + (highest + 1);
    }
}
