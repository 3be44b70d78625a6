package dev.vireo.libvirt;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;
import org.w3c.dom.Element;

/** Domains: all of a host's in one listing call, one by name, a lifecycle action on one. */
final class DomainOperations {

    private DomainOperations() {
    }

    static List<DomainSummary> all(Connect connect) throws LibvirtException {
        Domain[] domains = connect.listAllDomains(0);
        List<DomainSummary> summaries = new ArrayList<>(domains.length);
        try {
            for (Domain domain : domains) {
                try {
                    summaries.add(summarize(domain));
                } catch (LibvirtException e) {
                    // undefined between the listing and the read: it is no longer there to list
                    if (!LibvirtErrors.isNotFound(e)) {
                        throw e;
                    }
                }
            }
        } finally {
            for (Domain domain : domains) {
                domain.free();
            }
        }
        return summaries;
    }

    static Optional<DomainSummary> byName(Connect connect, String name) throws LibvirtException {
        return withDomain(connect, name, DomainOperations::summarize);
    }

    /** Applies {@code action} to the domain named {@code name}; empty when there is no such domain. */
    static Optional<DomainSummary> act(Connect connect, String name, DomainAction action) throws LibvirtException {
        return withDomain(connect, name, domain -> {
            DomainState state = DomainState.of(domain.getInfo().state);
            if (!action.appliesTo(state)) {
                throw new VireoException(ErrorCode.VM_WRONG_STATE, name, state.apiName(), action.apiName());
            }
            action.apply(domain);
            return summarize(domain);
        });
    }

    /** Captures the first display of a running domain; empty when there is no such domain. */
    static Optional<Screenshot> screenshot(Connect connect, String name) throws LibvirtException {
        return withDomain(connect, name, domain -> {
            Stream stream = connect.streamNew(0);
            try {
                String mime = domain.screenshot(stream, 0);
                java.io.ByteArrayOutputStream image = new java.io.ByteArrayOutputStream();
                byte[] chunk = new byte[64 * 1024];
                for (int read = stream.receive(chunk); read > 0; read = stream.receive(chunk)) {
                    image.write(chunk, 0, read);
                }
                stream.finish();
                return new Screenshot(mime, image.toByteArray());
            } catch (LibvirtException e) {
                stream.abort();
                throw e;
            } finally {
                stream.free();
            }
        });
    }

    /**
     * The disks of a domain: of its persistent definition, or of the running domain when
     * {@code live}; empty when there is no such domain.
     */
    static Optional<List<DomainDisk>> disks(Connect connect, String name, boolean live) throws LibvirtException {
        return withDomain(connect, name, domain -> {
            Element devices = Xml.child(Xml.parse(domain.getXMLDesc(live ? 0 : XML_INACTIVE)).getDocumentElement(),
                    "devices");
            return Xml.children(devices, "disk").stream().map(DomainOperations::disk).toList();
        });
    }

    private static DomainDisk disk(Element disk) {
        Element source = Xml.child(disk, "source");
        String path = Xml.attribute(source, "file").orElse(null);
        if (path == null && source != null && source.hasAttribute("protocol")) {
            Element host = Xml.child(source, "host");
            path = source.getAttribute("protocol") + "://" + Xml.attribute(host, "name").orElse("")
                    + Xml.attribute(host, "port").map(port -> ":" + port).orElse("") + source.getAttribute("name");
        }
        Element target = Xml.child(disk, "target");
        return new DomainDisk(disk.getAttribute("device").isEmpty() ? "disk" : disk.getAttribute("device"),
                Xml.attribute(target, "dev").orElse(""), path, Xml.attribute(target, "bus").orElse(""),
                Xml.child(disk, "readonly") != null);
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
        return withDomain(connect, name, domain -> {
            List<String> pending = new ArrayList<>();
            boolean running = domain.isActive() == 1;
            apply(domain, change, deviceXml, Domain.ModificationImpact.CONFIG);
            if (running) {
                try {
                    applyLive(domain, change, deviceXml);
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
                                              java.util.function.Function<Element, String> key, String value)
            throws LibvirtException {
        return withDomain(connect, name, domain -> {
            Element devices = Xml.child(Xml.parse(domain.getXMLDesc(XML_INACTIVE)).getDocumentElement(), "devices");
            return Xml.children(devices, kind).stream()
                    .filter(device -> value.equalsIgnoreCase(String.valueOf(key.apply(device))))
                    .findFirst().map(Xml::write).orElse(null);
        });
    }

    /**
     * The host devices a domain is given: by its persistent definition and, while it runs, by
     * the running domain too (a device plugged live only, or one that waits for the next start);
     * empty when there is no such domain.
     */
    static Optional<List<DomainHostdev>> hostdevs(Connect connect, String name) throws LibvirtException {
        return withDomain(connect, name, domain -> {
            java.util.LinkedHashSet<DomainHostdev> hostdevs = new java.util.LinkedHashSet<>(
                    DomainXmlReader.read(domain.getXMLDesc(XML_INACTIVE)).hostdevs());
            if (domain.isActive() == 1) {
                hostdevs.addAll(DomainXmlReader.read(domain.getXMLDesc(0)).hostdevs());
            }
            return List.copyOf(hostdevs);
        });
    }

    /**
     * Takes a host device from a domain: from its persistent definition if that has it, and from
     * the running domain if that has it. Returns what waits for the next start (a guest that does
     * not let go of the device at once); empty when the domain or its assignment does not exist.
     *
     * @param hostdev the assignment, as {@link #hostdevs} read it
     * @param label   how the pending note names the device
     */
    static Optional<List<String>> detachHostdev(Connect connect, String name, DomainHostdev hostdev, String label)
            throws LibvirtException {
        return withDomain(connect, name, domain -> {
            Optional<String> persistent = hostdevXml(domain.getXMLDesc(XML_INACTIVE), hostdev);
            Optional<String> live = domain.isActive() == 1 ? hostdevXml(domain.getXMLDesc(0), hostdev) : Optional.empty();
            if (persistent.isEmpty() && live.isEmpty()) {
                return null;
            }
            if (persistent.isPresent()) {
                domain.detachDeviceFlags(persistent.get(), Domain.ModificationImpact.CONFIG);
            }
            List<String> pending = new ArrayList<>();
            if (live.isPresent()) {
                try {
                    domain.detachDeviceFlags(live.get(), Domain.ModificationImpact.LIVE);
                } catch (LibvirtException e) {
                    if (LibvirtErrors.isConnectionFailure(e)) {
                        throw e;
                    }
                    pending.add("detach of " + label + " (" + LibvirtErrors.message(e) + ")");
                }
            }
            return List.copyOf(pending);
        });
    }

    /** The {@code <hostdev>} element of a domain's XML that makes the assignment {@code hostdev}, as XML. */
    static Optional<String> hostdevXml(String domainXml, DomainHostdev hostdev) {
        Element devices = Xml.child(Xml.parse(domainXml).getDocumentElement(), "devices");
        return Xml.children(devices, "hostdev").stream()
                .filter(element -> hostdev.equals(DomainXmlReader.hostdev(element)))
                .findFirst().map(Xml::write);
    }

    /**
     * The NICs of a domain (of the running domain when {@code live}, with the guest's addresses);
     * empty when there is no such domain.
     */
    static Optional<List<DomainNic>> nics(Connect connect, String name, boolean live) throws LibvirtException {
        return withDomain(connect, name, domain -> {
            boolean running = domain.isActive() == 1;
            Element devices = Xml.child(Xml.parse(domain.getXMLDesc(live ? 0 : XML_INACTIVE)).getDocumentElement(),
                    "devices");
            java.util.Map<String, List<String>> addresses = live && running
                    ? addresses(domain, agentConnected(devices)) : java.util.Map.of();
            return Xml.children(devices, "interface").stream().map(nic -> {
                String mac = Xml.attribute(Xml.child(nic, "mac"), "address").orElse("");
                Element source = Xml.child(nic, "source");
                String type = nic.getAttribute("type");
                return new DomainNic(mac, type,
                        "network".equals(type) ? Xml.attribute(source, "network").orElse(null) : null,
                        "bridge".equals(type) ? Xml.attribute(source, "bridge").orElse(null) : null,
                        Xml.attribute(Xml.child(nic, "model"), "type").orElse(null),
                        addresses.getOrDefault(mac.toLowerCase(java.util.Locale.ROOT), List.of()));
            }).toList();
        });
    }

    /** Whether the running domain's QEMU guest agent is connected (its channel says so). */
    static boolean agentConnected(Element devices) {
        return Xml.children(devices, "channel").stream().map(channel -> Xml.child(channel, "target"))
                .anyMatch(target -> target != null && "org.qemu.guest_agent.0".equals(target.getAttribute("name"))
                        && "connected".equals(target.getAttribute("state")));
    }

    /**
     * The guest's addresses by MAC (lower case): what the DHCP servers of its libvirt networks
     * leased it (libvirt reads the network's leases, virNetworkGetDHCPLeases, which libvirt-java
     * 0.5.4 does not bind), then what its QEMU guest agent reports, when one is connected. What
     * cannot be read is left out: no addresses is an answer, not an error.
     */
    private static java.util.Map<String, List<String>> addresses(Domain domain, boolean agent) {
        java.util.Map<String, java.util.LinkedHashSet<String>> byMac = new java.util.HashMap<>();
        addAddresses(domain, Domain.InterfaceAddressesSource.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE, byMac);
        if (agent) {
            addAddresses(domain, Domain.InterfaceAddressesSource.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT, byMac);
        }
        java.util.Map<String, List<String>> addresses = new java.util.HashMap<>();
        byMac.forEach((mac, found) -> addresses.put(mac, List.copyOf(found)));
        return addresses;
    }

    private static void addAddresses(Domain domain, int source,
                                     java.util.Map<String, java.util.LinkedHashSet<String>> byMac) {
        try {
            for (org.libvirt.DomainInterface nic : domain.interfaceAddresses(source, 0)) {
                if (nic.hwAddr == null || nic.addrs == null) {
                    continue;
                }
                java.util.Set<String> found = byMac.computeIfAbsent(nic.hwAddr.toLowerCase(java.util.Locale.ROOT),
                        mac -> new java.util.LinkedHashSet<>());
                nic.addrs.stream().filter(a -> a.address != null).map(a -> a.address.getHostAddress()).forEach(found::add);
            }
        } catch (LibvirtException e) {
            // no DHCP on the domain's networks, an agent that does not answer, a driver without
            // the source: no addresses from there
        }
    }

    /**
     * Defines a copy of a domain under a new name, with the disk paths replaced as {@code paths}
     * says, a fresh UUID and fresh MAC addresses; empty when there is no such domain.
     */
    static Optional<DomainSummary> defineClone(Connect connect, String source, String cloneName,
                                               java.util.Map<String, String> paths,
                                               List<VireoMetadata.OwnedVolume> owned, String owner)
            throws LibvirtException {
        return withDomain(connect, source, domain -> {
            DomainXmlEditor editor = new DomainXmlEditor(domain.getXMLDesc(XML_INACTIVE | XML_SECURE));
            editor.cloneAs(cloneName, paths, owned, owner);
            return define(connect, editor.xml());
        });
    }

    // virDomainMigrateFlags
    private static final long MIGRATE_LIVE = 1;
    private static final long MIGRATE_PERSIST_DEST = 8;
    private static final long MIGRATE_UNDEFINE_SOURCE = 16;
    private static final long MIGRATE_UNSAFE = 512;
    private static final long MIGRATE_OFFLINE = 1024;

    /**
     * Moves a domain to the host behind {@code destination}: live while it runs, its definition
     * only while it is shut off; it stays defined there and leaves this host. Empty when there is
     * no such domain.
     *
     * @param migrateUri where the destination's QEMU listens ({@code tcp://host}, {@code rdma://host})
     * @param unsafe     skip libvirt's shared-storage and cache-mode check (storage shared in ways it cannot see)
     */
    static Optional<String> migrate(Connect connect, Connect destination, String name, String migrateUri,
                                    boolean unsafe) throws LibvirtException {
        return withDomain(connect, name, domain -> {
            boolean running = domain.isActive() == 1;
            long flags = MIGRATE_PERSIST_DEST | MIGRATE_UNDEFINE_SOURCE | (running ? MIGRATE_LIVE : MIGRATE_OFFLINE)
                    | (unsafe ? MIGRATE_UNSAFE : 0);
            Domain moved = domain.migrate(destination, flags, null, running ? migrateUri : null, 0);
            try {
                return moved.getName();
            } finally {
                moved.free();
            }
        });
    }

    /** Defines a persistent domain. */
    static DomainSummary define(Connect connect, String xml) throws LibvirtException {
        Domain domain = connect.domainDefineXML(xml);
        try {
            return summarize(domain);
        } finally {
            domain.free();
        }
    }

    /**
     * Powers a domain off if it runs and removes its definition with its snapshot metadata and
     * managed-save image; returns what it was, or empty when there was no such domain.
     */
    static Optional<DomainSummary> remove(Connect connect, String name) throws LibvirtException {
        return withDomain(connect, name, domain -> {
            DomainSummary before = summarize(domain);
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            int flags = Domain.UndefineFlags.MANAGED_SAVE | Domain.UndefineFlags.SNAPSHOTS_METADATA;
            // drivers without UEFI support (the test driver) refuse the NVRAM flag itself
            if (Xml.path(Xml.parse(domain.getXMLDesc(0)).getDocumentElement(), "os", "nvram") != null) {
                flags |= UNDEFINE_NVRAM;
            }
            domain.undefine(flags);
            return before;
        });
    }

    /**
     * Changes a domain's persistent definition and, where the domain runs and libvirt can,
     * its live state too (memory balloon, vCPU count, console password).
     */
    static Optional<DomainChange.Outcome> reconfigure(Connect connect, String name, DomainChange change)
            throws LibvirtException {
        return withDomain(connect, name, domain -> {
            DomainState state = DomainState.of(domain.getInfo().state);
            boolean running = domain.isActive() == 1;
            boolean rename = change.name() != null && !change.name().equals(name);
            if (rename && state != DomainState.SHUTOFF) {
                throw new VireoException(ErrorCode.VM_WRONG_STATE, name, state.apiName(), "be renamed");
            }
            String before = domain.getXMLDesc(XML_INACTIVE | XML_SECURE);
            DomainXmlEditor editor = new DomainXmlEditor(before);
            editor.apply(change);
            List<String> pending = new ArrayList<>();
            if (rename) {
                rename(connect, domain, editor.xml(), before, change.name());
            } else {
                connect.domainDefineXML(editor.xml()).free();
            }
            if (running) {
                applyLive(domain, change, editor, pending);
            }
            if (change.autostart() != null) {
                domain.setAutostart(change.autostart());
            }
            DomainSummary after = rename ? withDomain(connect, change.name(), DomainOperations::summarize).orElseThrow()
                    : summarize(domain);
            return new DomainChange.Outcome(after, List.copyOf(pending));
        });
    }

    private static void rename(Connect connect, Domain domain, String renamed, String before, String newName)
            throws LibvirtException {
        try {
            connect.domainLookupByName(newName).free();
            throw new VireoException(ErrorCode.VM_EXISTS, newName);
        } catch (LibvirtException e) {
            if (!LibvirtErrors.isNotFound(e)) {
                throw e;
            }
        }
        boolean autostart = domain.getAutostart();
        domain.undefine(Domain.UndefineFlags.MANAGED_SAVE);
        Domain defined;
        try {
            defined = connect.domainDefineXML(renamed);
        } catch (LibvirtException e) {
            connect.domainDefineXML(before).free(); // put the VM back as it was
            throw e;
        }
        try {
            defined.setAutostart(autostart);
        } finally {
            defined.free();
        }
    }

    private static void applyLive(Domain domain, DomainChange change, DomainXmlEditor editor, List<String> pending)
            throws LibvirtException {
        if (change.memoryMib() != null) {
            try {
                domain.setMemory(change.memoryMib() * Units.MIB / Units.KIB);
            } catch (LibvirtException e) {
                pending.add("memory.current (" + LibvirtErrors.message(e) + ")");
            }
        }
        if (change.maxMemoryMib() != null) {
            pending.add("memory.maxmemory");
        }
        if (change.vcpus() != null) {
            try {
                domain.setVcpusFlags(change.vcpus(), Domain.ModificationImpact.LIVE);
            } catch (LibvirtException e) {
                pending.add("cpu_info.vcpus (" + LibvirtErrors.message(e) + ")");
            }
        }
        if (change.maxVcpus() != null || change.topologyGiven()) {
            pending.add("cpu_info.maxvcpus and topology");
        }
        if (change.graphicsType() != null) {
            pending.add("graphics.type");
        }
        if (change.passwd() != null) {
            try {
                domain.updateDeviceFlags(editor.graphicsXml(), Domain.ModificationImpact.LIVE);
            } catch (LibvirtException e) {
                pending.add("graphics.passwd (" + LibvirtErrors.message(e) + ")");
            }
        }
        if (change.bootOrder() != null || change.bootMenu() != null) {
            pending.add("bootorder and bootmenu");
        }
    }

    private static final int XML_SECURE = 1;
    private static final int XML_INACTIVE = 2;

    /** VIR_DOMAIN_UNDEFINE_NVRAM, which libvirt-java does not name. */
    private static final int UNDEFINE_NVRAM = 4;

    /** Work on one domain; the handle is freed afterwards. */
    @FunctionalInterface
    interface DomainWork<T> {
        T apply(Domain domain) throws LibvirtException;
    }

    /**
     * Runs {@code work} on the domain named {@code name}; empty when the host has no such domain,
     * or when the work found nothing (returned null).
     */
    static <T> Optional<T> withDomain(Connect connect, String name, DomainWork<T> work)
            throws LibvirtException {
        Domain domain;
        try {
            domain = connect.domainLookupByName(name);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        try {
            return Optional.ofNullable(work.apply(domain));
        } finally {
            domain.free();
        }
    }

    private static DomainSummary summarize(Domain domain) throws LibvirtException {
        DomainDefinition definition = DomainXmlReader.read(domain.getXMLDesc(XML_SECURE));
        return new DomainSummary(definition, DomainState.of(domain.getInfo().state),
                domain.getAutostart(), domain.isPersistent() == 1);
    }
}
