package dev.vireo.bench;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The ceiling of the real-QEMU creation figures: a VM as Vireo makes it, made straight through
 * libvirt-java on the same libvirtd. Its shape is read from a VM Vireo created: the volume in the
 * same pool, format and capacity (allocation 0, as Vireo's {@code VolumeSpec} asks), then the
 * domain Vireo defined (its inactive XML with its console password) under a new name, without its
 * UUID (libvirt makes one) and its Vireo metadata (so Vireo's server does not take it for its own),
 * with the new volume as its disk; defined, then started. Everything it made goes on close.
 */
final class RawQemuCreation implements AutoCloseable {

    private final String uri;
    private final Connect connect;
    private final String pool;
    private final String format;
    private final long capacity;
    private final String domainXml;
    private final List<String> made = new ArrayList<>();

    /** The shape of {@code vireoVm}, a VM Vireo created with one disk on the host at {@code uri}. */
    RawQemuCreation(String uri, String vireoVm) throws Exception {
        this.uri = uri;
        connect = new Connect(uri);
        try {
            domainXml = inactiveXml(connect, vireoVm);
            StorageVol volume = connect.storageVolLookupByPath(diskSource(parse(domainXml)).getAttribute("file"));
            try {
                capacity = volume.getInfo().capacity;
                Element target = child(parse(volume.getXMLDesc(0)).getDocumentElement(), "target");
                format = child(target, "format").getAttribute("type");
                StoragePool owner = volume.storagePoolLookupByVolume();
                try {
                    pool = owner.getName();
                } finally {
                    owner.free();
                }
            } finally {
                volume.free();
            }
        } catch (Exception e) {
            connect.close();
            throw e;
        }
    }

    /** The domain as defined, its console password included. */
    private static String inactiveXml(Connect connect, String name) throws LibvirtException {
        Domain domain = connect.domainLookupByName(name);
        try {
            return domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
        } finally {
            domain.free();
        }
    }

    /** A connection of its own, for a thread that should not share this one. */
    Connect newConnection() throws Exception {
        return new Connect(uri);
    }

    /** Volume, definition and start of VM {@code name} on this one connection. */
    void createAndStart(String name) throws Exception {
        createAndStart(connect, name);
    }

    /** Volume, definition and start of VM {@code name} on {@code on}. */
    void createAndStart(Connect on, String name) throws Exception {
        synchronized (made) {
            made.add(name);
        }
        String path;
        StoragePool storage = on.storagePoolLookupByName(pool);
        try {
            StorageVol volume = storage.storageVolCreateXML(volumeXml(name + "-0.img"), 0);
            try {
                path = volume.getPath();
            } finally {
                volume.free();
            }
        } finally {
            storage.free();
        }
        Domain domain = on.domainDefineXML(domainXml(name, path));
        try {
            domain.create();
        } finally {
            domain.free();
        }
    }

    private String volumeXml(String name) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        Element volume = document.createElement("volume");
        document.appendChild(volume);
        append(volume, "name").setTextContent(name);
        Element size = append(volume, "capacity");
        size.setAttribute("unit", "bytes");
        size.setTextContent(Long.toString(capacity));
        Element allocation = append(volume, "allocation");
        allocation.setAttribute("unit", "bytes");
        allocation.setTextContent("0");
        append(append(volume, "target"), "format").setAttribute("type", format);
        return write(document);
    }

    private String domainXml(String name, String disk) throws Exception {
        Document document = parse(domainXml);
        Element root = document.getDocumentElement();
        child(root, "name").setTextContent(name);
        for (String gone : List.of("uuid", "metadata")) {
            Element element = child(root, gone);
            if (element != null) {
                root.removeChild(element);
            }
        }
        diskSource(document).setAttribute("file", disk);
        return write(document);
    }

    /** The source of the domain's first disk (not a CD-ROM). */
    private static Element diskSource(Document domain) {
        NodeList disks = domain.getElementsByTagName("disk");
        for (int i = 0; i < disks.getLength(); i++) {
            Element disk = (Element) disks.item(i);
            if ("disk".equals(disk.getAttribute("device"))) {
                return child(disk, "source");
            }
        }
        throw new IllegalStateException("no disk in the domain");
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static Element append(Element parent, String name) {
        Element element = parent.getOwnerDocument().createElement(name);
        parent.appendChild(element);
        return element;
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String write(Document document) throws Exception {
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
        return out.toString();
    }

    /** Powers off, undefines and deletes the volume of every VM it made (as far as each got), then closes its connection. */
    @Override
    public void close() throws Exception {
        try {
            remove(List.copyOf(made));
        } finally {
            connect.close();
        }
    }

    /** Powers off, undefines and deletes the volume of each of these VMs it made, as far as each got. */
    void remove(List<String> names) throws LibvirtException {
        LibvirtException first = null;
        for (String name : names) {
            try {
                Domain domain = connect.domainLookupByName(name);
                try {
                    if (domain.isActive() == 1) {
                        domain.destroy();
                    }
                    domain.undefine();
                } finally {
                    domain.free();
                }
            } catch (LibvirtException e) {
                first = first == null ? e : first;
            }
            try {
                StoragePool storage = connect.storagePoolLookupByName(pool);
                try {
                    StorageVol volume = storage.storageVolLookupByName(name + "-0.img");
                    volume.delete(0);
                    volume.free();
                } finally {
                    storage.free();
                }
            } catch (LibvirtException e) {
                first = first == null ? e : first;
            }
            synchronized (made) {
                made.remove(name);
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
