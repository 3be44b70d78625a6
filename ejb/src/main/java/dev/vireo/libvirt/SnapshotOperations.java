package dev.vireo.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A domain's snapshots: internal ones (memory and disks in the qcow2 images), as libvirt keeps them. */
final class SnapshotOperations {

    private SnapshotOperations() {
    }

    static List<SnapshotSummary> list(Domain domain) throws LibvirtException {
        String current = currentName(domain);
        List<SnapshotSummary> snapshots = new ArrayList<>();
        for (String name : domain.snapshotListNames(0)) {
            Handles.snapshot(domain, name, snapshot -> read(snapshot, current)).ifPresent(snapshots::add);
        }
        return snapshots;
    }

    static Optional<SnapshotSummary> get(Domain domain, String name) throws LibvirtException {
        String current = currentName(domain);
        return Handles.snapshot(domain, name, snapshot -> read(snapshot, current));
    }

    static SnapshotSummary create(Domain domain, String name, String description) throws LibvirtException {
        Document document = Xml.newDocument("domainsnapshot");
        Element root = document.getDocumentElement();
        Xml.append(root, "name", name);
        if (description != null && !description.isEmpty()) {
            Xml.append(root, "description", description);
        }
        DomainSnapshot snapshot = domain.snapshotCreateXML(Xml.write(document), 0);
        try {
            return read(snapshot, name);
        } finally {
            snapshot.free();
        }
    }

    /** Reverts the domain to the snapshot; empty when there is no such snapshot. */
    static Optional<SnapshotSummary> revert(Domain domain, String name) throws LibvirtException {
        return Handles.snapshot(domain, name, snapshot -> {
            domain.revertToSnapshot(snapshot);
            return read(snapshot, name);
        });
    }

    /** Deletes the snapshot (its children move to its parent); false when there was none. */
    static boolean delete(Domain domain, String name) throws LibvirtException {
        return Handles.snapshot(domain, name, snapshot -> {
            snapshot.delete(0);
            return true;
        }).orElse(false);
    }

    private static String currentName(Domain domain) throws LibvirtException {
        if (domain.hasCurrentSnapshot() != 1) {
            return null;
        }
        DomainSnapshot current = domain.snapshotCurrent();
        try {
            return Xml.text(Xml.parse(current.getXMLDesc()).getDocumentElement(), "name").orElse(null);
        } finally {
            current.free();
        }
    }

    private static SnapshotSummary read(DomainSnapshot snapshot, String current) throws LibvirtException {
        Element root = Xml.parse(snapshot.getXMLDesc()).getDocumentElement();
        String name = Xml.text(root, "name").orElse("");
        return new SnapshotSummary(name,
                Xml.text(root, "description").orElse(""),
                Xml.text(root, "state").orElse("nostate"),
                Xml.text(root, "creationTime").map(Long::parseLong).orElse(0L),
                Xml.text(root, "parent", "name").orElse(null),
                name.equals(current));
    }
}
