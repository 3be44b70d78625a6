package dev.vireo.libvirt;

import java.util.UUID;
import java.util.function.Consumer;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Asks a host whether it accepts a device by defining a throw-away domain that has it, and
 * undefining it again: the hypervisor driver validates the definition against what its emulator
 * supports, which no capability document lists completely.
 */
final class FeatureProbe {

    private final Connect connect;
    private final HostCapabilities.Guest guest;

    FeatureProbe(Connect connect, HostCapabilities.Guest guest) {
        this.connect = connect;
        this.guest = guest;
    }

    /** Whether a CD-ROM streamed over {@code protocol} (http, https, ftp, …) is accepted. */
    boolean acceptsNetworkCdrom(String protocol) throws LibvirtException {
        return accepts(devices -> {
            Element disk = Xml.append(devices, "disk");
            disk.setAttribute("type", "network");
            disk.setAttribute("device", "cdrom");
            Element driver = Xml.append(disk, "driver");
            driver.setAttribute("name", "qemu");
            driver.setAttribute("type", "raw");
            Element source = Xml.append(disk, "source");
            source.setAttribute("protocol", protocol);
            source.setAttribute("name", "/vireo-probe.iso");
            Element host = Xml.append(source, "host");
            host.setAttribute("name", "localhost");
            host.setAttribute("port", "1");
            Element target = Xml.append(disk, "target");
            target.setAttribute("dev", "sdc");
            target.setAttribute("bus", "scsi");
            Xml.append(disk, "readonly");
        });
    }

    /** Whether SPICE graphics are accepted. */
    boolean acceptsSpice() throws LibvirtException {
        return accepts(devices -> Xml.append(devices, "graphics").setAttribute("type", "spice"));
    }

    private boolean accepts(Consumer<Element> addDevices) throws LibvirtException {
        Document document = Xml.newDocument("domain");
        Element domain = document.getDocumentElement();
        domain.setAttribute("type", guest.domainTypes().get(0));
        Xml.append(domain, "name", "vireo-probe-" + UUID.randomUUID());
        Xml.append(domain, "memory", "16").setAttribute("unit", "MiB");
        Element os = Xml.append(domain, "os");
        Xml.append(os, "type", guest.osType()).setAttribute("arch", guest.arch());
        addDevices.accept(Xml.append(domain, "devices"));
        Domain probe;
        try {
            probe = connect.domainDefineXML(Xml.write(document));
        } catch (LibvirtException refused) {
            if (LibvirtErrors.isConnectionFailure(refused)) {
                throw refused;
            }
            return false;
        }
        try {
            probe.undefine();
        } finally {
            probe.free();
        }
        return true;
    }
}
