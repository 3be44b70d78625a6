package dev.vireo.libvirt;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** libvirt's pool source discovery: the query ({@code <source>}) and its answer ({@code <sources>}). */
public final class PoolSourcesXml {

    private PoolSourcesXml() {
    }

    /** What to look for: targets of {@code type} (netfs or iscsi) on {@code host}, at {@code port} when given. */
    public static String query(String type, String host, Integer port) {
        Document document = Xml.newDocument("source");
        Element root = document.getDocumentElement();
        Element server = Xml.append(root, "host");
        server.setAttribute("name", host);
        if (port != null) {
            server.setAttribute("port", port.toString());
        }
        if ("netfs".equals(type)) {
            Xml.append(root, "format").setAttribute("type", "nfs");
        }
        return Xml.write(document);
    }

    /** The targets of a discovery answer for pools of {@code type}; sources without a target are left out. */
    public static List<StorageTarget> targets(String type, String sourcesXml) {
        List<StorageTarget> targets = new ArrayList<>();
        for (Element source : Xml.children(Xml.parse(sourcesXml).getDocumentElement(), "source")) {
            String host = Xml.attribute(Xml.child(source, "host"), "name").orElse(null);
            if ("netfs".equals(type)) {
                Xml.attribute(Xml.child(source, "dir"), "path").ifPresent(path -> targets.add(new StorageTarget(host,
                        Xml.attribute(Xml.child(source, "format"), "type").orElse("nfs"), path)));
            } else {
                Xml.attribute(Xml.child(source, "device"), "path")
                        .ifPresent(iqn -> targets.add(new StorageTarget(host, type, iqn)));
            }
        }
        return targets;
    }
}
