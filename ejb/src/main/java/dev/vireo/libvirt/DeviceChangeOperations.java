package dev.vireo.libvirt;

import static dev.vireo.libvirt.DomainXmlReader.XML_INACTIVE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;

/** Attaching, replacing and detaching a domain's devices, persistently and live. */
final class DeviceChangeOperations {

    private DeviceChangeOperations() {
    }

    /**
     * Attaches, replaces or detaches a device: in the persistent definition, and in the
     * running domain too when it runs and libvirt can (IDE, for one, cannot hot-plug). Returns
     * what waits for the next start; empty when there is no such domain.
     *
     * @param change {@code attach}, {@code update} or {@code detach}
     */
    static Optional<List<String>> changeDevice(Connect connect, String name, String change, String deviceXml)
            throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            List<String> pending = new ArrayList<>();
            boolean running = domain.isActive() == 1;
            apply(domain, change, deviceXml, Domain.ModificationImpact.CONFIG);
            if (running) {
                try {
                    applyLive(domain, change, deviceXml);
                    if ("detach".equals(change) && stillListed(domain.getXMLDesc(0), deviceXml)) {
                        pending.add("detach of the device (the running guest has not released it)");
                    }
                } catch (LibvirtException e) {
                    if (LibvirtErrors.isConnectionFailure(e)) {
                        throw e;
                    }
                    pending.add(change + " of the device (" + LibvirtErrors.message(e) + ")");
                }
            }
            return List.copyOf(pending);
        });
    }

    /**
     * Replaces a device in the persistent definition only; while the domain runs, {@code pending}
     * waits for the next start. Empty when there is no such domain.
     */
    static Optional<List<String>> updatePersistent(Connect connect, String name, String deviceXml, String pending)
            throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            domain.updateDeviceFlags(deviceXml, Domain.ModificationImpact.CONFIG);
            return domain.isActive() == 1 ? List.of(pending) : List.<String>of();
        });
    }

    /**
     * How long a media change keeps being tried while QEMU has not opened the tray yet: on a loaded
     * host the guest's tray takes well over the 5 s libvirt waits for it.
     */
    static final Duration TRAY_PATIENCE = Duration.ofSeconds(40);

    /**
     * Applies a change to the running domain. New media go in even when the guest has locked the
     * drive's tray (as {@code virsh change-media --force}): the operator asked for them. The tray
     * still opens asynchronously: when libvirt gives up waiting for it (a busy host), the same
     * change a moment later succeeds.
     */
    private static void applyLive(Domain domain, String change, String xml) throws LibvirtException {
        long giveUp = System.nanoTime() + TRAY_PATIENCE.toNanos();
        int flags = "update".equals(change) ? Domain.ModificationImpact.LIVE | Domain.DeviceModifyFlags.FORCE
                : Domain.ModificationImpact.LIVE;
        while (true) {
            try {
                apply(domain, change, xml, flags);
                return;
            } catch (LibvirtException e) {
                String message = LibvirtErrors.message(e);
                if (flags != Domain.ModificationImpact.LIVE && message != null && message.contains("unsupported flags")) {
                    flags = Domain.ModificationImpact.LIVE;
                    continue;
                }
                if (System.nanoTime() > giveUp || message == null || !message.contains("Tray of")) {
                    throw e;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void apply(Domain domain, String change, String xml, int flags) throws LibvirtException {
        switch (change) {
            case "attach" -> domain.attachDeviceFlags(xml, flags);
            case "update" -> domain.updateDeviceFlags(xml, flags);
            case "detach" -> domain.detachDeviceFlags(xml, flags);
            default -> throw new IllegalArgumentException(change);
        }
    }

    /**
     * Whether a running domain's XML still lists the disk (by target) or NIC (by MAC) a live detach
     * asked to remove. libvirt only asks the guest for a virtio or PCI device, waits 5 s and
     * answers success either way; a guest without an OS or a driver never lets go of it, and the
     * device then stays until the VM is shut off.
     */
    static boolean stillListed(String liveXml, String deviceXml) {
        Element device = Xml.parse(deviceXml).getDocumentElement();
        String key = identity(device);
        Element devices = Xml.child(Xml.parse(liveXml).getDocumentElement(), "devices");
        return key != null && devices != null && Xml.children(devices, device.getTagName()).stream()
                .anyMatch(present -> key.equalsIgnoreCase(String.valueOf(identity(present))));
    }

    /** What tells a device from its siblings: a disk's target, a NIC's MAC; null for other kinds. */
    private static String identity(Element device) {
        return switch (device.getTagName()) {
            case "disk" -> Xml.attribute(Xml.child(device, "target"), "dev").orElse(null);
            case "interface" -> Xml.attribute(Xml.child(device, "mac"), "address").orElse(null);
            default -> null;
        };
    }

    /** The {@code <disk>} element of the persistent definition with target {@code dev}, as XML. */
    static Optional<String> diskXml(Connect connect, String name, String dev) throws LibvirtException {
        return deviceXml(connect, name, "disk", disk -> Xml.attribute(Xml.child(disk, "target"), "dev").orElse(null), dev);
    }

    /** The {@code <interface>} element of the persistent definition with MAC {@code mac}, as XML. */
    static Optional<String> nicXml(Connect connect, String name, String mac) throws LibvirtException {
        return deviceXml(connect, name, "interface", nic -> Xml.attribute(Xml.child(nic, "mac"), "address").orElse(null),
                mac);
    }

    private static Optional<String> deviceXml(Connect connect, String name, String kind,
                                              Function<Element, String> key, String value)
            throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            Element devices = Xml.child(Xml.parse(domain.getXMLDesc(XML_INACTIVE)).getDocumentElement(), "devices");
            return Xml.children(devices, kind).stream()
                    .filter(device -> value.equalsIgnoreCase(String.valueOf(key.apply(device))))
                    .findFirst().map(Xml::write).orElse(null);
        });
    }
}
