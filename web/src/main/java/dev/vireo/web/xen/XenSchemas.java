package dev.vireo.web.xen;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the OpenAPI document shows of the bodies that carry libvirt XML as JSON; the bodies
 * themselves are read by {@link dev.vireo.domain.DomainJson}, which takes any element of the XML.
 */
public final class XenSchemas {

    private XenSchemas() {
    }

    @Schema(description = "A domain definition as the JSON form of its XML: attributes as \"@name\", text as \"#text\", "
            + "child elements as keys (an array when repeated), an empty element as null; every value a string")
    public record Definition(Domain domain) {
    }

    @Schema(description = "The <domain> element: name (required), uuid, and any other element or attribute of libvirt's "
            + "domain XML")
    public record Domain(String name, String uuid) {
    }

    @Schema(description = "One device element as JSON, its element's name as the only key: disk, interface, controller, "
            + "hostdev, … (libvirt's <devices> children)")
    public record Device(DeviceElement disk) {
    }

    @Schema(description = "A device element, e.g. {\"@type\": \"file\", \"source\": {\"@file\": …}, \"target\": {\"@dev\": …}}")
    public record DeviceElement(String source, String target) {
    }
}
