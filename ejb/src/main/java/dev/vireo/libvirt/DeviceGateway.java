package dev.vireo.libvirt;

import java.util.List;
import java.util.Optional;

/**
 * The devices of a host's domains: disks, NICs and host devices. A change goes into the
 * persistent definition, and into the running domain too where libvirt can; it returns what waits
 * for the next start, or empty when there is no such domain (or no such device).
 */
public final class DeviceGateway extends BoundGateway {

    DeviceGateway(HostConnections connections, HostRef host) {
        super(connections, host);
    }

    /** The disks of a domain's persistent definition. */
    public Optional<List<DomainDisk>> disks(String vm) {
        return call(connect -> DiskOperations.disks(connect, vm, false));
    }

    /** The disks a domain has now (live while it runs). */
    public Optional<List<DomainDisk>> currentDisks(String vm) {
        return call(connect -> DiskOperations.disks(connect, vm, true));
    }

    public Optional<List<String>> attachDisk(String vm, DomainSpec.Disk disk) {
        return change(vm, "attach", DomainXmlWriter.diskXml(disk));
    }

    /** Replaces a disk device (a CD-ROM's media). */
    public Optional<List<String>> updateDisk(String vm, DomainSpec.Disk disk) {
        return change(vm, "update", DomainXmlWriter.diskXml(disk));
    }

    /** Detaches the disk with target {@code dev}. */
    public Optional<List<String>> detachDisk(String vm, String dev) {
        return call(connect -> DeviceChangeOperations.diskXml(connect, vm, dev))
                .flatMap(disk -> change(vm, "detach", disk));
    }

    /** The NICs a domain has now, with leased addresses while it runs. */
    public Optional<List<DomainNic>> nics(String vm) {
        return call(connect -> NicOperations.nics(connect, vm, true));
    }

    /** The NICs of a domain's persistent definition. */
    public Optional<List<DomainNic>> persistentNics(String vm) {
        return call(connect -> NicOperations.nics(connect, vm, false));
    }

    public Optional<List<String>> attachNic(String vm, DomainSpec.Nic nic, String mac) {
        return change(vm, "attach", DomainXmlWriter.nicXml(nic, mac));
    }

    /**
     * Changes a NIC: its model in the persistent definition only (a guest cannot swap cards), its
     * network there and in the running domain.
     */
    public Optional<List<String>> updateNic(String vm, String mac, DomainSpec.Nic nic, boolean modelChanged) {
        String xml = DomainXmlWriter.nicXml(nic, mac);
        if (!modelChanged) {
            return change(vm, "update", xml);
        }
        return callThenReread(connect -> DeviceChangeOperations.updatePersistent(connect, vm, xml, "nic model"), vm);
    }

    /** Detaches the NIC with MAC {@code mac}. */
    public Optional<List<String>> detachNic(String vm, String mac) {
        return call(connect -> DeviceChangeOperations.nicXml(connect, vm, mac))
                .flatMap(nic -> change(vm, "detach", nic));
    }

    /** The host devices a domain is given, by its persistent definition or while it runs. */
    public Optional<List<DomainHostdev>> hostdevs(String vm) {
        return call(connect -> HostdevOperations.hostdevs(connect, vm));
    }

    /** Gives a domain one of the host's PCI, USB or SCSI devices (hot where it runs and libvirt can). */
    public Optional<List<String>> attachHostdev(String vm, NodeDevice device) {
        return change(vm, "attach", DomainXmlWriter.hostdevXml(device));
    }

    /**
     * Takes a host device from a domain (live and persistent).
     *
     * @param hostdev the assignment, as {@link #hostdevs} lists it
     * @param label   how a pending note names the device
     */
    public Optional<List<String>> detachHostdev(String vm, DomainHostdev hostdev, String label) {
        return callThenReread(connect -> HostdevOperations.detachHostdev(connect, vm, hostdev, label), vm);
    }

    private Optional<List<String>> change(String vm, String change, String xml) {
        return callThenReread(connect -> DeviceChangeOperations.changeDevice(connect, vm, change, xml), vm);
    }
}
