package dev.vireo.domain;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.Xml;
import dev.vireo.validation.ResourceName;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A whole domain definition as its JSON form gave it: the XML it maps to, the name it defines
 * (validated as every VM name is) and the UUID it asks for, if any.
 */
public record RawDefinition(String name, String uuid, Document xml) {

    /** Reads the JSON form of a domain ({@code {"domain": {…}}}); a 400 for anything that is not one. */
    public static RawDefinition parse(String body) {
        Document xml = DomainJson.read(body, "domain");
        Element domain = xml.getDocumentElement();
        String name = single(domain, "name");
        if (name == null) {
            throw new VireoException(ErrorCode.XEN_INVALID_DEFINITION, "domain.name is missing");
        }
        ResourceName.require("virtual machine", name);
        String uuid = single(domain, "uuid");
        if (uuid != null && DomainIds.uuidKey(uuid) == null) {
            throw new VireoException(ErrorCode.XEN_INVALID_PARAMETER, "uuid", uuid,
                    "a UUID is 32 hexadecimal digits, in groups of 8-4-4-4-12 or not");
        }
        return new RawDefinition(name, uuid, xml);
    }

    /** The text of the one child element {@code name}; null without one, 400 for several or one with parts. */
    private static String single(Element domain, String name) {
        List<Element> found = Xml.children(domain, name);
        if (found.isEmpty()) {
            return null;
        }
        Element element = found.get(0);
        if (found.size() > 1 || element.hasAttributes()
                || element.getElementsByTagName("*").getLength() > 0) {
            throw new VireoException(ErrorCode.XEN_INVALID_DEFINITION, "domain." + name + " must be one text element");
        }
        return element.getTextContent();
    }

    /** Sets the definition's UUID (a redefinition without one keeps the domain's). */
    public void useUuid(String existing) {
        Element domain = xml.getDocumentElement();
        if (Xml.child(domain, "uuid") == null) {
            Element uuidElement = xml.createElementNS(null, "uuid");
            uuidElement.setTextContent(existing);
            domain.insertBefore(uuidElement, Xml.child(domain, "name").getNextSibling());
        }
    }
}
