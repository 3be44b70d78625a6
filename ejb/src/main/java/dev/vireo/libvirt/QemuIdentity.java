package dev.vireo.libvirt;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/** The user and group QEMU runs as on a host: the DAC security model's base label in libvirt's capabilities. */
public record QemuIdentity(long uid, long gid) {

    private static final Pattern LABEL = Pattern.compile("\\+?(\\d+):\\+?(\\d+)");

    /** The identity in a capabilities document; empty when the host has no DAC model (the test driver). */
    public static Optional<QemuIdentity> fromCapabilities(String xml) {
        Element host = Xml.child(Xml.parse(xml).getDocumentElement(), "host");
        for (Element model : Xml.children(host, "secmodel")) {
            if (!"dac".equals(Xml.text(model, "model").orElse(""))) {
                continue;
            }
            for (Element label : Xml.children(model, "baselabel")) {
                Matcher ids = LABEL.matcher(label.getTextContent().strip());
                if (ids.matches()) {
                    return Optional.of(new QemuIdentity(Long.parseLong(ids.group(1)), Long.parseLong(ids.group(2))));
                }
            }
        }
        return Optional.empty();
    }
}
