package dev.vireo.libvirt;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Edits a domain's XML in place through DOM, leaving everything it does not touch (devices,
 * features, other tools' metadata) exactly as libvirt wrote it.
 */
final class DomainXmlEditor {

    private final Document document;
    private final Element domain;

    DomainXmlEditor(String xml) {
        this.document = Xml.parse(xml);
        this.domain = document.getDocumentElement();
    }

    String xml() {
        return Xml.write(document);
    }

    void apply(DomainChange change) {
        if (change.name() != null) {
            text("name", change.name());
        }
        memory(change.memoryMib(), change.maxMemoryMib());
        if (change.maxVcpus() != null || change.vcpus() != null) {
            Element vcpu = child(domain, "vcpu");
            int oldMax = Integer.parseInt(vcpu.getTextContent().trim());
            int current = change.vcpus() != null ? change.vcpus()
                    : Xml.attribute(vcpu, "current").map(Integer::parseInt).orElse(oldMax);
            if (change.maxVcpus() != null) {
                vcpu.setTextContent(Integer.toString(change.maxVcpus()));
            }
            // libvirt leaves "current" out when it equals the maximum: keep the count explicit
            vcpu.setAttribute("current", Integer.toString(current));
        }
        if (change.topologyGiven()) {
            topology(change.topology());
        }
        if (change.bootOrder() != null) {
            Element os = child(domain, "os");
            Xml.children(os, "boot").forEach(os::removeChild);
            Node before = Xml.child(os, "bootmenu");
            for (String device : change.bootOrder()) {
                Element boot = document.createElement("boot");
                boot.setAttribute("dev", device);
                os.insertBefore(boot, before);
            }
        }
        if (change.bootMenu() != null) {
            Element os = child(domain, "os");
            Element menu = Xml.child(os, "bootmenu");
            if (menu == null) {
                menu = Xml.append(os, "bootmenu");
            }
            menu.setAttribute("enable", change.bootMenu() ? "yes" : "no");
        }
        if (change.title() != null) {
            optionalText("title", change.title());
        }
        if (change.description() != null) {
            optionalText("description", change.description());
        }
        if (change.graphicsType() != null || change.passwd() != null) {
            graphics(change);
        }
        if (change.users() != null || change.groups() != null) {
            access(change.users(), change.groups());
        }
    }

    /**
     * Turns the definition into that of a copy: new name and UUID, no MAC addresses (libvirt makes
     * fresh ones), no fixed display ports, the disks at their new paths, the copies recorded as the
     * clone's own volumes, owned by whoever made it.
     */
    void cloneAs(String name, String uuid, java.util.Map<String, String> paths, List<VireoMetadata.OwnedVolume> owned,
                 String owner) {
        text("name", name);
        Element uuidElement = Xml.child(domain, "uuid");
        (uuidElement == null ? insertAfter("name", "uuid") : uuidElement).setTextContent(uuid);
        Element devices = child(domain, "devices");
        for (Element iface : Xml.children(devices, "interface")) {
            Xml.children(iface, "mac").forEach(iface::removeChild);
            Xml.children(iface, "target").forEach(iface::removeChild);
        }
        for (Element graphics : Xml.children(devices, "graphics")) {
            graphics.removeAttribute("port");
            graphics.removeAttribute("tlsPort");
            graphics.removeAttribute("websocket");
            graphics.setAttribute("autoport", "yes");
        }
        for (Element disk : Xml.children(devices, "disk")) {
            Element source = Xml.child(disk, "source");
            String path = source == null ? null : source.getAttribute("file");
            if (path != null && paths.containsKey(path)) {
                source.setAttribute("file", paths.get(path));
            }
        }
        Element vm = vireoMetadata();
        Xml.children(vm, "volume").forEach(vm::removeChild);
        Xml.children(vm, "owner").forEach(vm::removeChild);
        Element ownerElement = document.createElementNS(VireoMetadata.NAMESPACE, VireoMetadata.PREFIX + ":owner");
        ownerElement.setTextContent(owner);
        vm.appendChild(ownerElement);
        owned.forEach(this::own);
    }

    /**
     * Vireo's metadata element as virDomainSetMetadata takes it: without a namespace, which libvirt
     * gives the whole element (it refuses one that declares it already).
     */
    String vireoMetadataXml() {
        Document plain = Xml.builder().newDocument();
        plain.appendChild(withoutNamespace(plain, vireoMetadata()));
        return Xml.write(plain);
    }

    private static Element withoutNamespace(Document into, Element element) {
        Element copy = into.createElement(element.getLocalName() != null ? element.getLocalName() : element.getTagName());
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            if (!"http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
                copy.setAttribute(attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getNodeName(),
                        attribute.getNodeValue());
            }
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element childElement) {
                copy.appendChild(withoutNamespace(into, childElement));
            } else if (child.getNodeType() == Node.TEXT_NODE) {
                copy.appendChild(into.createTextNode(child.getNodeValue()));
            }
        }
        return copy;
    }

    /** Adds {@code volume} to the domain's own volumes; false when it was one already. */
    boolean own(VireoMetadata.OwnedVolume volume) {
        Element vm = vireoMetadata();
        boolean known = Xml.children(vm, "volume").stream().anyMatch(element ->
                volume.pool().equals(element.getAttribute("pool")) && volume.name().equals(element.getAttribute("name")));
        if (known) {
            return false;
        }
        Element element = document.createElementNS(VireoMetadata.NAMESPACE, VireoMetadata.PREFIX + ":volume");
        element.setAttribute("pool", volume.pool());
        element.setAttribute("name", volume.name());
        vm.appendChild(element);
        return true;
    }

    /** The first graphics device, as XML for a live update. */
    String graphicsXml() {
        return Xml.write(Xml.child(Xml.child(domain, "devices"), "graphics"));
    }

    private void graphics(DomainChange change) {
        Element devices = child(domain, "devices");
        Element graphics = Xml.child(devices, "graphics");
        if (graphics == null) {
            graphics = Xml.append(devices, "graphics");
            graphics.setAttribute("autoport", "yes");
            graphics.setAttribute("listen", "127.0.0.1");
        }
        if (change.graphicsType() != null) {
            graphics.setAttribute("type", change.graphicsType());
            graphics.removeAttribute("port");
            graphics.setAttribute("autoport", "yes");
        }
        if (change.passwd() != null) {
            graphics.setAttribute("passwd", change.passwd());
            graphics.setAttribute("passwdValidTo", change.passwdValidTo());
        }
    }

    private void topology(DomainDefinition.Topology topology) {
        Element cpu = Xml.child(domain, "cpu");
        Element current = Xml.child(cpu, "topology");
        if (topology == null) {
            if (current != null) {
                cpu.removeChild(current);
            }
            return;
        }
        if (cpu == null) {
            cpu = insertAfter(Xml.child(domain, "features") != null ? "features" : "os", "cpu");
        }
        if (current == null) {
            current = Xml.append(cpu, "topology");
        }
        current.setAttribute("sockets", Integer.toString(topology.sockets()));
        current.setAttribute("cores", Integer.toString(topology.cores()));
        current.setAttribute("threads", Integer.toString(topology.threads()));
    }

    private void access(List<String> users, List<String> groups) {
        Element vm = vireoMetadata();
        replaceAll(vm, "user", users);
        replaceAll(vm, "group", groups);
    }

    /** Vireo's element in {@code <metadata>}, made when missing. */
    private Element vireoMetadata() {
        Element metadata = Xml.child(domain, "metadata");
        if (metadata == null) {
            metadata = insertAfter(Xml.child(domain, "uuid") != null ? "uuid" : "name", "metadata");
        }
        Element vm = Xml.children(metadata, "vm").stream()
                .filter(e -> VireoMetadata.NAMESPACE.equals(e.getNamespaceURI())).findFirst().orElse(null);
        if (vm == null) {
            vm = document.createElementNS(VireoMetadata.NAMESPACE, VireoMetadata.PREFIX + ":vm");
            metadata.appendChild(vm);
        }
        return vm;
    }

    private void replaceAll(Element vm, String name, List<String> values) {
        if (values == null) {
            return;
        }
        Xml.children(vm, name).forEach(vm::removeChild);
        for (String value : values) {
            Element element = document.createElementNS(VireoMetadata.NAMESPACE, VireoMetadata.PREFIX + ":" + name);
            element.setTextContent(value);
            vm.appendChild(element);
        }
    }

    /**
     * The maximum goes to {@code <maxMemory>} on a domain laid out for memory hot-plug, else to
     * {@code <memory>}; {@code <memory>} never ends below the current size.
     */
    private void memory(Integer currentMib, Integer maxMib) {
        boolean hotplug = Xml.child(domain, "maxMemory") != null;
        if (maxMib != null) {
            scaled(hotplug ? "maxMemory" : "memory", maxMib);
        }
        if (currentMib != null) {
            scaled("currentMemory", currentMib);
            Element memory = child(domain, "memory");
            long memoryBytes = Units.toBytes(Long.parseLong(memory.getTextContent().trim()),
                    memory.getAttribute("unit"), "KiB");
            if (memoryBytes < currentMib * Units.MIB) {
                scaled("memory", currentMib);
            }
        }
    }

    private void scaled(String name, int mib) {
        Element element = child(domain, name);
        element.setTextContent(Integer.toString(mib));
        element.setAttribute("unit", "MiB");
    }

    private void text(String name, String value) {
        child(domain, name).setTextContent(value);
    }

    private void optionalText(String name, String value) {
        Element element = Xml.child(domain, name);
        if (value.isEmpty()) {
            if (element != null) {
                domain.removeChild(element);
            }
            return;
        }
        if (element == null) {
            element = insertAfter("uuid", name);
        }
        element.setTextContent(value);
    }

    /**
     * Makes sure a read-only CD-ROM drive holds the file {@code path}: nothing changes when one
     * does; else a new drive on the first free target of the machine's CD-ROM bus (IDE on i440fx,
     * SATA on q35). False when it was there already.
     */
    boolean seedDrive(String path) {
        Element devices = child(domain, "devices");
        List<Element> disks = Xml.children(devices, "disk");
        boolean present = disks.stream().anyMatch(disk -> "cdrom".equals(disk.getAttribute("device"))
                && path.equals(Xml.attribute(Xml.child(disk, "source"), "file").orElse(null)));
        if (present) {
            return false;
        }
        java.util.Set<String> taken = new java.util.HashSet<>();
        disks.forEach(disk -> Xml.attribute(Xml.child(disk, "target"), "dev").ifPresent(taken::add));
        boolean q35 = Xml.attribute(Xml.path(domain, "os", "type"), "machine").orElse("").contains("q35");
        String bus = q35 ? "sata" : "ide";
        String prefix = q35 ? "sd" : "hd";
        // IDE has two channels of two devices; SATA controllers take six each
        int targets = q35 ? 6 : 4;
        String dev = null;
        for (int i = 0; i < targets && dev == null; i++) {
            String candidate = prefix + (char) ('a' + i);
            dev = taken.contains(candidate) ? null : candidate;
        }
        if (dev == null) {
            throw new VireoException(ErrorCode.GUEST_SEED_DRIVE, Xml.text(domain, "name").orElse(""),
                    "every " + bus + " target is taken");
        }
        Element disk = document.createElement("disk");
        disk.setAttribute("type", "file");
        disk.setAttribute("device", "cdrom");
        Element driver = Xml.append(disk, "driver");
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", "raw");
        Xml.append(disk, "source").setAttribute("file", path);
        Element target = Xml.append(disk, "target");
        target.setAttribute("dev", dev);
        target.setAttribute("bus", bus);
        Xml.append(disk, "readonly");
        Node after = disks.isEmpty() ? null : disks.get(disks.size() - 1).getNextSibling();
        devices.insertBefore(disk, after);
        return true;
    }

    private Element child(Element parent, String name) {
        Element element = Xml.child(parent, name);
        if (element == null) {
            throw new IllegalStateException("the domain XML has no <" + name + ">");
        }
        return element;
    }

    private Element insertAfter(String sibling, String name) {
        Element element = document.createElement(name);
        Element after = Xml.child(domain, sibling);
        domain.insertBefore(element, after == null ? domain.getFirstChild() : after.getNextSibling());
        return element;
    }
}
