package dev.vireo.distro;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a distribution from its installation image's ISO 9660 label: the one table to extend
 * when a distribution names its images differently.
 */
public final class DistroLabels {

    private record Rule(Pattern label, Function<Matcher, Distro> distro) {
    }

    private static final List<Rule> RULES = List.of(
            rule("^Fedora-.*?-(\\d+)(?:-.*)?$", m -> new Distro("fedora", m.group(1))),
            rule("^Ubuntu(?:-Server)? (\\d+\\.\\d+)", m -> new Distro("ubuntu", m.group(1))),
            rule("^Debian (\\d+)", m -> new Distro("debian", m.group(1))),
            rule("^CentOS[- ](?:Stream-)?(\\d+)", m -> new Distro("centos", m.group(1))),
            rule("^RHEL[- ](\\d+)[-.](\\d+)", m -> new Distro("rhel", m.group(1) + "." + m.group(2))),
            rule("^Rocky-(\\d+)-(\\d+)", m -> new Distro("rocky", m.group(1) + "." + m.group(2))),
            rule("^AlmaLinux-(\\d+)-(\\d+)", m -> new Distro("almalinux", m.group(1) + "." + m.group(2))),
            rule("^openSUSE-Leap-(\\d+\\.\\d+)", m -> new Distro("opensuse", m.group(1))),
            rule("^SLE-(\\d+)-SP(\\d+)", m -> new Distro("sles", m.group(1) + "." + m.group(2))),
            rule("^ARCH_(\\d{4})(\\d{2})", m -> new Distro("archlinux", m.group(1) + "." + m.group(2))),
            rule("^(?:CCCOMA|CPBA|CENA|SSS|SERVER)_X(?:64|86)FRE", m -> new Distro("windows", "unknown")));

    private DistroLabels() {
    }

    private static Rule rule(String pattern, Function<Matcher, Distro> distro) {
        return new Rule(Pattern.compile(pattern, Pattern.CASE_INSENSITIVE), distro);
    }

    /** The distribution an image's label names, or {@link Distro#UNKNOWN}. */
    public static Distro recognise(String label) {
        if (label == null) {
            return Distro.UNKNOWN;
        }
        for (Rule rule : RULES) {
            Matcher matcher = rule.label().matcher(label.strip());
            if (matcher.find()) {
                Distro found = rule.distro().apply(matcher);
                return new Distro(found.osDistro().toLowerCase(Locale.ROOT), found.osVersion());
            }
        }
        return Distro.UNKNOWN;
    }
}
