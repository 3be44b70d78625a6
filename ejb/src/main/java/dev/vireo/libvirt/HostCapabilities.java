package dev.vireo.libvirt;

import java.util.List;
import org.w3c.dom.Element;

/**
 * The parts of libvirt's capabilities XML Vireo uses: the host CPU and the guests it can run.
 *
 * @param hostCpuModel libvirt's name for the host CPU ({@code Skylake-Client-IBRS}), null when it gives none
 */
public record HostCapabilities(String hostArch, String hostCpuModel, List<Guest> guests) {

    /** A guest kind: OS type ({@code hvm}), architecture and the domain types that run it. */
    public record Guest(String osType, String arch, List<String> domainTypes) {
    }

    public static HostCapabilities fromXml(String xml) {
        Element root = Xml.parse(xml).getDocumentElement();
        String hostArch = Xml.text(root, "host", "cpu", "arch").orElse(null);
        List<Guest> guests = Xml.children(root, "guest").stream().map(guest -> {
            Element arch = Xml.child(guest, "arch");
            List<String> types = Xml.children(arch, "domain").stream().map(d -> d.getAttribute("type")).toList();
            return new Guest(Xml.text(guest, "os_type").orElse(""), Xml.attribute(arch, "name").orElse(""), types);
        }).toList();
        return new HostCapabilities(hostArch, Xml.text(root, "host", "cpu", "model").orElse(null), guests);
    }

    /** The guest to probe features with: a full-virtualization one, on the host's architecture if offered. */
    public Guest preferredGuest() {
        return guests.stream()
                .filter(g -> "hvm".equals(g.osType()) && !g.domainTypes().isEmpty())
                .sorted((a, b) -> Boolean.compare(!a.arch().equals(hostArch), !b.arch().equals(hostArch)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The host offers no hvm guest"));
    }
}
