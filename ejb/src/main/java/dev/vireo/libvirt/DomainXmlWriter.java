package dev.vireo.libvirt;

import java.net.URI;
import java.util.Locale;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Writes a {@link DomainSpec} as libvirt domain XML, through DOM: values never become markup. */
public final class DomainXmlWriter {

    private DomainXmlWriter() {
    }

    public static String write(DomainSpec spec) {
        Document document = Xml.newDocument("domain");
        Element domain = document.getDocumentElement();
        domain.setAttribute("type", spec.type());
        Xml.append(domain, "name", spec.name());
        Xml.append(domain, "uuid", spec.uuid());
        if (spec.title() != null && !spec.title().isEmpty()) {
            Xml.append(domain, "title", spec.title());
        }
        if (spec.description() != null && !spec.description().isEmpty()) {
            Xml.append(domain, "description", spec.description());
        }
        metadata(Xml.append(domain, "metadata"), spec.metadata());
        Xml.append(domain, "memory", Integer.toString(spec.maxMemoryMib())).setAttribute("unit", "MiB");
        Xml.append(domain, "currentMemory", Integer.toString(spec.memoryMib())).setAttribute("unit", "MiB");
        Element vcpu = Xml.append(domain, "vcpu", Integer.toString(spec.maxVcpus()));
        vcpu.setAttribute("placement", "static");
        vcpu.setAttribute("current", Integer.toString(spec.vcpus()));

        Element os = Xml.append(domain, "os");
        Element type = Xml.append(os, "type", "hvm");
        type.setAttribute("arch", spec.arch());
        spec.bootOrder().forEach(device -> Xml.append(os, "boot").setAttribute("dev", device));
        Element features = Xml.append(domain, "features");
        Xml.append(features, "acpi");
        Xml.append(features, "apic");
        if (spec.topology() != null) {
            Element topology = Xml.append(Xml.append(domain, "cpu"), "topology");
            topology.setAttribute("sockets", Integer.toString(spec.topology().sockets()));
            topology.setAttribute("cores", Integer.toString(spec.topology().cores()));
            topology.setAttribute("threads", Integer.toString(spec.topology().threads()));
        }
        Xml.append(domain, "clock").setAttribute("offset", "utc");
        Xml.append(domain, "on_poweroff", "destroy");
        Xml.append(domain, "on_reboot", "restart");
        Xml.append(domain, "on_crash", "destroy");

        Element devices = Xml.append(domain, "devices");
        spec.disks().forEach(disk -> disk(devices, disk));
        spec.nics().forEach(nic -> nic(devices, nic, null));
        if (spec.graphics() != null) {
            Element graphics = Xml.append(devices, "graphics");
            graphics.setAttribute("type", spec.graphics().type());
            graphics.setAttribute("autoport", "yes");
            graphics.setAttribute("listen", spec.graphics().listen());
            if (spec.graphics().passwd() != null) {
                graphics.setAttribute("passwd", spec.graphics().passwd());
                if (spec.graphics().passwdValidTo() != null) {
                    graphics.setAttribute("passwdValidTo", spec.graphics().passwdValidTo());
                }
            }
            Element listen = Xml.append(graphics, "listen");
            listen.setAttribute("type", "address");
            listen.setAttribute("address", spec.graphics().listen());
            Xml.append(Xml.append(devices, "video"), "model").setAttribute("type", spec.video());
        }
        Xml.append(devices, "memballoon").setAttribute("model", "virtio");
        return Xml.write(document);
    }

    /** One NIC as XML, to attach or to change; {@code mac} null lets libvirt choose one. */
    public static String nicXml(DomainSpec.Nic nic, String mac) {
        Document document = Xml.newDocument("devices");
        nic(document.getDocumentElement(), nic, mac);
        return Xml.write(Xml.child(document.getDocumentElement(), "interface"));
    }

    private static void nic(Element devices, DomainSpec.Nic nic, String mac) {
        Element iface = Xml.append(devices, "interface");
        iface.setAttribute("type", "network");
        if (mac != null) {
            Xml.append(iface, "mac").setAttribute("address", mac);
        }
        Xml.append(iface, "source").setAttribute("network", nic.network());
        if (nic.model() != null) {
            Xml.append(iface, "model").setAttribute("type", nic.model());
        }
    }

    /**
     * The {@code <hostdev mode='subsystem'>} that gives a domain the host's node device: a PCI
     * function by its address (managed: libvirt takes it from its host driver while the domain
     * runs), a USB device by vendor and product and its bus and device number, a SCSI LUN by its
     * adapter and address.
     *
     * @throws IllegalArgumentException for a device of another kind
     */
    public static String hostdevXml(NodeDevice device) {
        Element hostdev = Xml.newDocument("hostdev").getDocumentElement();
        hostdev.setAttribute("mode", "subsystem");
        Element source = Xml.append(hostdev, "source");
        Element address;
        switch (device.type()) {
            case "pci" -> {
                NodeDevice.Pci pci = device.pci();
                hostdev.setAttribute("type", "pci");
                hostdev.setAttribute("managed", "yes");
                address = Xml.append(source, "address");
                address.setAttribute("domain", String.format(Locale.ROOT, "0x%04x", pci.domain()));
                address.setAttribute("bus", String.format(Locale.ROOT, "0x%02x", pci.bus()));
                address.setAttribute("slot", String.format(Locale.ROOT, "0x%02x", pci.slot()));
                address.setAttribute("function", String.format(Locale.ROOT, "0x%x", pci.function()));
            }
            case "usb_device" -> {
                NodeDevice.Usb usb = device.usb();
                hostdev.setAttribute("type", "usb");
                hostdev.setAttribute("managed", "yes");
                if (usb.vendor() != null && usb.vendor().id() != null && usb.product() != null && usb.product().id() != null) {
                    Xml.append(source, "vendor").setAttribute("id", usb.vendor().id());
                    Xml.append(source, "product").setAttribute("id", usb.product().id());
                }
                address = Xml.append(source, "address");
                address.setAttribute("bus", Integer.toString(usb.bus()));
                address.setAttribute("device", Integer.toString(usb.device()));
            }
            case "scsi" -> {
                NodeDevice.Scsi scsi = device.scsi();
                hostdev.setAttribute("type", "scsi");
                Xml.append(source, "adapter").setAttribute("name", "scsi_host" + scsi.host());
                address = Xml.append(source, "address");
                address.setAttribute("bus", Integer.toString(scsi.bus()));
                address.setAttribute("target", Integer.toString(scsi.target()));
                address.setAttribute("unit", Integer.toString(scsi.lun()));
            }
            default -> throw new IllegalArgumentException("A " + device.type() + " device cannot be passed through");
        }
        return Xml.write(hostdev.getOwnerDocument());
    }

    /** One disk device as XML, to attach or to change (a CD-ROM without path or URL is empty). */
    public static String diskXml(DomainSpec.Disk spec) {
        Document document = Xml.newDocument("devices");
        disk(document.getDocumentElement(), spec);
        return Xml.write(Xml.child(document.getDocumentElement(), "disk"));
    }

    private static void disk(Element devices, DomainSpec.Disk spec) {
        Element disk = Xml.append(devices, "disk");
        disk.setAttribute("device", spec.device());
        Element driver = Xml.append(disk, "driver");
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", spec.format());
        if (spec.url() != null) {
            URI url = URI.create(spec.url());
            disk.setAttribute("type", "network");
            Element source = Xml.append(disk, "source");
            source.setAttribute("protocol", url.getScheme());
            source.setAttribute("name", url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
            Element host = Xml.append(source, "host");
            host.setAttribute("name", url.getHost());
            host.setAttribute("port", Integer.toString(url.getPort() > 0 ? url.getPort() : defaultPort(url.getScheme())));
        } else {
            disk.setAttribute("type", "file");
            if (spec.path() != null) {
                Xml.append(disk, "source").setAttribute("file", spec.path());
            }
        }
        Element target = Xml.append(disk, "target");
        target.setAttribute("dev", spec.target());
        target.setAttribute("bus", spec.bus());
        if ("cdrom".equals(spec.device())) {
            Xml.append(disk, "readonly");
        }
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "https" -> 443;
            case "ftp" -> 21;
            case "ftps" -> 990;
            case "tftp" -> 69;
            default -> 80;
        };
    }

    /**
     * Makes {@code vireo} the Vireo metadata of a whole domain definition, in place of any it
     * carried (which only Vireo writes); answers whether the definition carried some.
     */
    public static boolean replaceMetadata(Document definition, VireoMetadata vireo) {
        Element domain = definition.getDocumentElement();
        Element metadata = Xml.child(domain, "metadata");
        if (metadata == null) {
            metadata = Xml.append(domain, "metadata");
        }
        boolean carried = false;
        for (org.w3c.dom.Node node = metadata.getFirstChild(); node != null; ) {
            org.w3c.dom.Node next = node.getNextSibling();
            if (node instanceof Element element && VireoMetadata.NAMESPACE.equals(element.getNamespaceURI())) {
                metadata.removeChild(element);
                carried = true;
            }
            node = next;
        }
        metadata(metadata, vireo);
        return carried;
    }

    private static void metadata(Element metadata, VireoMetadata vireo) {
        Element root = metadata.getOwnerDocument().createElementNS(VireoMetadata.NAMESPACE, VireoMetadata.PREFIX + ":vm");
        metadata.appendChild(root);
        if (vireo.template() != null) {
            child(root, "template").setTextContent(vireo.template());
        }
        if (vireo.owner() != null) {
            child(root, "owner").setTextContent(vireo.owner());
        }
        vireo.volumes().forEach(volume -> {
            Element element = child(root, "volume");
            element.setAttribute("pool", volume.pool());
            element.setAttribute("name", volume.name());
        });
        vireo.users().forEach(user -> child(root, "user").setTextContent(user));
        vireo.groups().forEach(group -> child(root, "group").setTextContent(group));
        if (vireo.token() != null) {
            child(root, "token").setTextContent(vireo.token());
        }
    }

    private static Element child(Element parent, String name) {
        Element child = parent.getOwnerDocument().createElementNS(VireoMetadata.NAMESPACE, VireoMetadata.PREFIX + ":" + name);
        parent.appendChild(child);
        return child;
    }
}
