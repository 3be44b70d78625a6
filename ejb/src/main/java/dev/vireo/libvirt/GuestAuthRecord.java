package dev.vireo.libvirt;

import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The last password Vireo set for a guest user, as the domain's metadata keeps it under its own
 * namespace: the user, the password sealed by the server (never in clear), and how it was applied.
 *
 * @param sealedPassword the password encrypted by the service that set it (opaque here)
 * @param applied        {@code now} (through the guest agent) or {@code next_boot} (through cloud-init)
 */
public record GuestAuthRecord(String user, String sealedPassword, String applied) {

    public static final String NAMESPACE = "https://vireo.dev/xmlns/guest-auth/1";
    public static final String PREFIX = "vireoauth";
    static final String ELEMENT = "auth";

    /** The element as virDomainSetMetadata takes it: without namespace, libvirt adds it. */
    String xml() {
        Document document = Xml.newDocument(ELEMENT);
        Element auth = document.getDocumentElement();
        auth.setAttribute("user", user);
        auth.setAttribute("password", sealedPassword);
        auth.setAttribute("applied", applied);
        return Xml.write(document);
    }

    /** The record in a domain's XML, if Vireo keeps one there. */
    static Optional<GuestAuthRecord> in(String domainXml) {
        Element metadata = Xml.child(Xml.parse(domainXml).getDocumentElement(), "metadata");
        if (metadata == null) {
            return Optional.empty();
        }
        return Xml.children(metadata, ELEMENT).stream().filter(e -> NAMESPACE.equals(e.getNamespaceURI())).findFirst()
                .map(e -> new GuestAuthRecord(e.getAttribute("user"), e.getAttribute("password"), e.getAttribute("applied")));
    }
}
