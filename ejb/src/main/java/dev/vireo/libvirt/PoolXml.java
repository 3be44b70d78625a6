package dev.vireo.libvirt;

import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** libvirt's storage pool and secret XML: written from a {@link PoolSpec}, read back into a {@link PoolSource}. */
public final class PoolXml {

    /** The prefix of the usage of the secrets Vireo defines for its pools' CHAP passwords. */
    static final String SECRET_USAGE_PREFIX = "vireo-pool-";

    private PoolXml() {
    }

    public static String write(PoolSpec spec) {
        Document document = Xml.newDocument("pool");
        Element root = document.getDocumentElement();
        root.setAttribute("type", spec.type());
        Xml.append(root, "name", spec.name());
        Element source = Xml.append(root, "source");
        switch (spec.type()) {
            case "netfs" -> {
                Xml.append(source, "host").setAttribute("name", spec.host());
                Xml.append(source, "dir").setAttribute("path", spec.exportPath());
                Xml.append(source, "format").setAttribute("type", "nfs");
            }
            case "logical" -> {
                for (String device : spec.devices()) {
                    Xml.append(source, "device").setAttribute("path", device);
                }
                Xml.append(source, "name", spec.volumeGroup());
                Xml.append(source, "format").setAttribute("type", "lvm2");
            }
            case "iscsi" -> {
                Element host = Xml.append(source, "host");
                host.setAttribute("name", spec.host());
                if (spec.port() != null) {
                    host.setAttribute("port", spec.port().toString());
                }
                Xml.append(source, "device").setAttribute("path", spec.iqn());
                if (spec.chapUsername() != null) {
                    Element auth = Xml.append(source, "auth");
                    auth.setAttribute("type", "chap");
                    auth.setAttribute("username", spec.chapUsername());
                    Xml.append(auth, "secret").setAttribute("uuid", spec.secretUuid());
                }
            }
            case "scsi" -> {
                Element adapter = Xml.append(source, "adapter");
                adapter.setAttribute("type", "scsi_host");
                adapter.setAttribute("name", spec.adapterName());
            }
            default -> root.removeChild(source); // dir
        }
        Xml.append(Xml.append(root, "target"), "path", spec.targetPath());
        return Xml.write(document);
    }

    /** The private, persistent secret that holds the CHAP password of pool {@code poolName}; no value in it. */
    public static String chapSecret(String poolName) {
        Document document = Xml.newDocument("secret");
        Element root = document.getDocumentElement();
        root.setAttribute("ephemeral", "no");
        root.setAttribute("private", "yes");
        Xml.append(root, "description", "CHAP password of the iSCSI storage pool " + poolName + " (Vireo)");
        Element usage = Xml.append(root, "usage");
        usage.setAttribute("type", "iscsi");
        Xml.append(usage, "target", SECRET_USAGE_PREFIX + poolName);
        return Xml.write(document);
    }

    /**
     * A logical pool's definition with {@code devices} added to its source (those it lists
     * already are not repeated).
     */
    public static String addDevices(String poolXml, List<String> devices) {
        Document document = Xml.parse(poolXml);
        Element source = Xml.child(document.getDocumentElement(), "source");
        if (source == null) {
            source = Xml.append(document.getDocumentElement(), "source");
        }
        List<String> present = source(document.getDocumentElement()).devices();
        org.w3c.dom.Node before = source.getFirstChild();
        for (String device : devices) {
            if (!present.contains(device)) {
                Element element = document.createElement("device");
                element.setAttribute("path", device);
                source.insertBefore(element, before);
            }
        }
        return Xml.write(document);
    }

    /** The source of a pool definition. */
    public static PoolSource source(String poolXml) {
        return source(Xml.parse(poolXml).getDocumentElement());
    }

    static PoolSource source(Element pool) {
        Element source = Xml.child(pool, "source");
        if (source == null) {
            return PoolSource.NONE;
        }
        Element host = Xml.child(source, "host");
        Element adapter = Xml.child(source, "adapter");
        Element auth = Xml.child(source, "auth");
        List<String> devices = Xml.children(source, "device").stream()
                .map(device -> Xml.attribute(device, "path").orElse(null)).filter(path -> path != null).toList();
        return new PoolSource(
                Xml.attribute(host, "name").orElse(null),
                Xml.attribute(host, "port").map(PoolXml::port).orElse(null),
                Xml.attribute(Xml.child(source, "dir"), "path").orElse(null),
                devices,
                Xml.text(source, "name").orElse(null),
                Xml.attribute(Xml.child(source, "format"), "type").orElse(null),
                Xml.attribute(adapter, "type").orElse(null),
                Xml.attribute(adapter, "name").orElse(null),
                Xml.attribute(auth, "username").orElse(null),
                Xml.attribute(Xml.child(auth, "secret"), "uuid").orElse(null));
    }

    private static Integer port(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
