package dev.vireo.image;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.HostRef;
import dev.vireo.libvirt.VolumeReader;
import dev.vireo.libvirt.VolumeSpec;
import dev.vireo.libvirt.VireoMetadata;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.lock.OperationLocks;
import dev.vireo.security.Caller;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import dev.vireo.task.TaskProgress;
import dev.vireo.vm.SystemImage;
import dev.vireo.zone.ZoneHost;
import dev.vireo.zone.ZoneHosts;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Disk images on the cells: a guest made from a disk image is a thin qcow2 overlay on the image's
 * volume. On the default host that is the image store's own volume; on any other cell it is the
 * cell's copy of the image in the guest's storage pool, made once (verified by its SHA-256 read
 * back from the cell), recorded ({@link ImageCopies}) and used by every later guest there.
 */
@Stateless
public class ImageCells {

    /** How long a guest's creation waits for another task's copy of its image to the same cell. */
    private static final java.time.Duration COPY_WAIT = java.time.Duration.ofMinutes(30);
    private static final java.time.Duration COPY_POLL = java.time.Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(ImageCells.class.getName());

    @EJB
    ImageService images;

    @EJB
    ImageStore store;

    @EJB
    ImageCopies copies;

    @EJB
    Locks locks;

    @EJB
    OperationLocks lockTable;

    @EJB
    HostConnections hosts;

    @EJB
    ZoneHosts zone;

    @EJB
    Callers callers;

    @Resource
    SessionContext context;

    /** What a copy task needs to know of the image, read when the guest was asked for. */
    public record Source(String image, String checksum, String volume, long size, String format, long capacity) {
    }

    /**
     * The ready disk image {@code imageId} (visible to the caller) as the base of the system disk
     * of new guest {@code guest} (of {@code owner}) in pool {@code pool} of {@code cell}. The
     * creation holds the image ({@link LockTarget#imageUse}) until its task ends, so that the image
     * is not deleted under it; an image being deleted is refused (409). The creation task uses the
     * cell's copy, or makes it: one task makes it while the others wait for it ({@link #baseOn}).
     */
    @RolesAllowed(Permission.VM_CREATE)
    public SystemImage systemImage(String imageId, String guest, String owner, HostGateways cell, String pool) {
        images.get(imageId, null);
        return held(LockTarget.imageUse(imageId, owner, guest), imageId, cell, pool);
    }

    /**
     * {@link #systemImage} for the reset of existing guest {@code guest}'s system disk: the reset
     * holds the image ({@link LockTarget#imageReset}) until its task ends; an image being deleted
     * is refused (409).
     */
    @RolesAllowed(Permission.VM_MANAGE)
    public SystemImage resetImage(ImageView image, String guest, String owner, HostGateways cell, String pool) {
        return held(LockTarget.imageReset(image.id(), owner, guest), image.id(), cell, pool);
    }

    /** The image's base once {@code use} holds it and no delete does; the image read again under the hold. */
    private SystemImage held(LockTarget use, String imageId, HostGateways cell, String pool) {
        locks.claim(use);
        String deleting = lockTable.held().get(LockTarget.image(imageId));
        if (deleting != null) {
            throw new VireoException(ErrorCode.IMAGE_BEING_DELETED, imageId, deleting);
        }
        // read again under the hold: a delete that ended meanwhile leaves no image
        return base(images.get(imageId, null), cell, pool);
    }

    /**
     * {@link #systemImage} of an image the caller already holds (a system disk being reset); the
     * caller has authorized the operation.
     */
    @PermitAll
    public SystemImage base(ImageView image, HostGateways cell, String pool) {
        String imageId = image.id();
        if (!"disk".equals(image.kind())) {
            throw new VireoException(ErrorCode.IMAGE_NOT_DISK, imageId, image.kind() + " " + image.state());
        }
        if (!"ready".equals(image.state())) {
            throw new VireoException(ErrorCode.IMAGE_NOT_READY, imageId, image.state());
        }
        VolumeSummary stored = store.volume(image.volume()).orElseThrow(() -> new VireoException(
                ErrorCode.IMAGE_STORE_UNAVAILABLE, image.pool(), "it lost the volume " + image.volume()));
        Source source = new Source(image.id(), image.checksum(), image.volume(), image.size(), image.format(),
                stored.capacityBytes());
        if (cell.ref().isDefault()) {
            SystemImage.Base base = new SystemImage.Base(stored.path(), image.format(), stored.capacityBytes());
            return progress -> base;
        }
        ImageCells self = context.getBusinessObject(ImageCells.class);
        HostRef at = cell.ref();
        return progress -> self.baseOn(source, at, pool, progress);
    }

    /**
     * The cell's copy of the image in {@code pool}: the recorded one while it is there and of the
     * image's content, else a new one, copied, read back and verified.
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SystemImage.Base baseOn(Source source, HostRef at, String pool, TaskProgress progress) {
        HostGateways cell = hosts.of(at);
        Optional<VolumeSummary> known = copyOrTurnToMakeIt(source, cell, pool, progress);
        if (known.isPresent()) {
            progress.report(5, "using the copy of image " + source.image() + " on " + at.name());
            return new SystemImage.Base(known.get().path(), source.format(), source.capacity());
        }
        copies.forget(source.image(), at.name(), pool);
        String name = copyName(source);
        progress.report(5, "copying image " + source.image() + " (" + source.size() + " bytes) to pool " + pool + " of "
                + at.name());
        VolumeFiles.delete(cell, pool, name);
        VolumeSummary made = cell.storage().createVolume(pool, new VolumeSpec(name, source.size(), "raw", null, null));
        try {
            Optional<Path> target = VolumeFiles.of(at, made);
            String expected = source.checksum() != null ? source.checksum() : storeChecksum(source);
            transfer(source, cell, pool, name, target);
            progress.report(40, "verifying the copy of image " + source.image() + " on " + at.name());
            String measured = checksum(cell, pool, name, source.size(), target);
            if (!measured.equals(expected)) {
                throw new VireoException(ErrorCode.IMAGE_COPY_MISMATCH, source.image(), at.name(), measured, expected);
            }
            cell.storage().refreshPool(pool);
            copies.record(new ImageCopies.Copy(source.image(), measured, at.name(), pool, name, source.size()));
            VolumeSummary copy = cell.storage().volume(pool, name).orElse(made);
            return new SystemImage.Base(copy.path(), source.format(), source.capacity());
        } catch (IOException | RuntimeException e) {
            removeQuietly(cell, pool, name);
            if (e instanceof VireoException vireo) {
                throw vireo;
            }
            throw new VireoException(ErrorCode.IMAGE_COPY_FAILED, e, source.image(), pool, at.name(), e.getMessage());
        }
    }

    /**
     * The cell's usable copy; else, once this task holds the copy's lock, empty: this task makes it.
     * Another task making it holds that lock for its whole creation (a task's lock refuses at
     * once), so this one waits here, inside its own task, until the copy is there or the lock free.
     */
    private Optional<VolumeSummary> copyOrTurnToMakeIt(Source source, HostGateways cell, String pool,
                                                       TaskProgress progress) {
        long giveUpAt = System.nanoTime() + COPY_WAIT.toNanos();
        boolean told = false;
        while (true) {
            Optional<VolumeSummary> known = usableCopy(source, cell, pool);
            if (known.isPresent()) {
                return known;
            }
            try {
                locks.claim(LockTarget.imageCopy(cell.ref(), source.image()));
                return usableCopy(source, cell, pool);
            } catch (VireoException busy) {
                if (busy.error() != ErrorCode.LOCKED || System.nanoTime() > giveUpAt) {
                    throw busy;
                }
                if (!told) {
                    progress.report(5, "waiting for another task's copy of image " + source.image() + " on "
                            + cell.ref().name());
                    told = true;
                }
                try {
                    Thread.sleep(COPY_POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    /**
     * Refuses (409) to let image {@code imageId} go while a guest is being made or its system disk
     * reset from it (its task holds {@link LockTarget#imageUse} or {@link LockTarget#imageReset},
     * on any server) or a VM's disk is a thin overlay on
     * it: on its store volume {@code storeVolume} on the default host, or on its copy on a cell.
     * Names the VMs the caller may see and counts the others. 409 too when a cell with a copy
     * cannot be reached now, for its VMs cannot be looked at. The caller holds
     * {@link LockTarget#image} first, so that a creation starting now sees the delete.
     */
    @RolesAllowed(Permission.IMAGE_MANAGE)
    public void requireUnused(String imageId, String storeVolume) {
        Caller caller = callers.current();
        // guest name → how the refusal names it; a guest whose task is ending may be in both lists
        Map<String, String> named = new TreeMap<>();
        Set<String> hidden = new HashSet<>();
        for (Map.Entry<LockTarget, String> hold : lockTable.held().entrySet()) {
            LockTarget target = hold.getKey();
            boolean made = LockTarget.IMAGE_USE.equals(target.kind());
            if (!(made || LockTarget.IMAGE_RESET.equals(target.kind())) || !target.name().startsWith(imageId + "/")) {
                continue;
            }
            String[] imageOwnerGuest = target.name().split("/", 3);
            String guest = imageOwnerGuest[2];
            if (caller.mayUseOwnedBy(imageOwnerGuest[1])) {
                named.put(guest, guest + (made ? " (being made by " : " (being reset by ") + hold.getValue() + ")");
            } else {
                hidden.add(guest);
            }
        }
        Map<HostRef, Set<String>> bases = new LinkedHashMap<>();
        HostGateways local = hosts.local();
        store.volume(storeVolume).ifPresent(volume -> bases.computeIfAbsent(local.ref(), key -> new HashSet<>())
                .add(volume.path()));
        List<HostGateways> looked = new ArrayList<>(List.of(local));
        for (ImageCopies.Copy copy : copies.of(imageId)) {
            Optional<ZoneHost> host = zone.byName(copy.host());
            if (host.isEmpty()) {
                continue;
            }
            HostGateways cell = zone.gateways(host.get());
            try {
                cell.storage().volume(copy.pool(), copy.volume()).ifPresent(volume ->
                        bases.computeIfAbsent(cell.ref(), key -> new HashSet<>()).add(volume.path()));
            } catch (VireoException e) {
                throw new VireoException(ErrorCode.IMAGE_COPY_UNREACHABLE, e, imageId, copy.host(), e.reason());
            }
            looked.add(cell);
        }
        for (HostGateways host : looked) {
            Set<String> paths = bases.getOrDefault(host.ref(), Set.of());
            if (paths.isEmpty()) {
                continue;
            }
            List<DomainSummary> domains;
            try {
                domains = host.domains().list();
            } catch (VireoException e) {
                throw new VireoException(ErrorCode.IMAGE_COPY_UNREACHABLE, e, imageId, host.ref().name(), e.reason());
            }
            for (DomainSummary domain : domains) {
                VireoMetadata metadata = domain.definition().metadata();
                boolean uses = metadata.volumes().stream().anyMatch(volume -> host.storage()
                        .backingPath(volume.pool(), volume.name()).flatMap(backing -> backing)
                        .filter(paths::contains).isPresent());
                if (uses && caller.mayUse(metadata)) {
                    named.put(domain.name(), domain.name());
                    hidden.remove(domain.name());
                } else if (uses) {
                    hidden.add(domain.name());
                }
            }
        }
        int others = hidden.size();
        if (!named.isEmpty() || others > 0) {
            throw new VireoException(ErrorCode.IMAGE_IN_USE, imageId, String.join(", ", named.values())
                    + (others == 0 ? "" : (named.isEmpty() ? "" : " and ") + others + " you may not see"));
        }
    }

    /**
     * Removes the image's copies on the cells with their rows; a copy on a host no longer in the
     * zone goes with its row only. 409 when a host that holds one cannot be reached now.
     */
    @RolesAllowed(Permission.IMAGE_MANAGE)
    public void removeCopies(String imageId) {
        for (ImageCopies.Copy copy : copies.of(imageId)) {
            Optional<ZoneHost> host = zone.byName(copy.host());
            if (host.isPresent()) {
                try {
                    VolumeFiles.delete(zone.gateways(host.get()), copy.pool(), copy.volume());
                } catch (VireoException e) {
                    throw new VireoException(ErrorCode.IMAGE_COPY_UNREACHABLE, e, imageId, copy.host(), e.reason());
                }
            }
            copies.forget(imageId, copy.host(), copy.pool());
        }
    }

    /** The recorded copy of the image on the cell, when its volume is there and of the image's content. */
    private Optional<VolumeSummary> usableCopy(Source source, HostGateways cell, String pool) {
        return copies.at(source.image(), cell.ref().name(), pool)
                .filter(copy -> source.checksum() == null || source.checksum().equals(copy.checksum()))
                .flatMap(copy -> cell.storage().volume(pool, copy.volume()));
    }

    /** The copy's volume: named after the image, so that a pool's volumes say whose copy each is. */
    static String copyName(Source source) {
        return "image-" + source.image() + "." + source.format();
    }

    /**
     * Copies the content: straight between files where this server holds both ends, else through
     * libvirt's volume streams (from the store's file, or from host to host).
     */
    private void transfer(Source source, HostGateways cell, String pool, String name, Optional<Path> target)
            throws IOException {
        if (target.isPresent()) {
            try (ImageReader reader = store.read(source.volume(), 0, source.size());
                 OutputStream out = Files.newOutputStream(target.get())) {
                reader.copyTo(out);
            }
            return;
        }
        Optional<Path> stored = store.file(source.volume());
        boolean copied;
        if (stored.isPresent()) {
            try (InputStream in = Files.newInputStream(stored.get())) {
                copied = cell.storage().uploadVolume(pool, name, 0, source.size(), in);
            }
        } else {
            copied = hosts.local().storage().copyVolumeTo(store.pool(), source.volume(), cell.ref(), pool, name,
                    source.size());
        }
        if (!copied) {
            throw new IOException("the volume " + name + " or the image's volume " + source.volume() + " is gone");
        }
    }

    /** The SHA-256 of the copy, read back from the cell. */
    private static String checksum(HostGateways cell, String pool, String name, long size, Optional<Path> file)
            throws IOException {
        MessageDigest digest = Sha256.newDigest();
        try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            if (file.isPresent()) {
                ImageReader.ofFile(file.get(), 0, size).copyTo(sink);
            } else {
                try (VolumeReader reader = cell.storage().readVolume(pool, name, 0, size).orElseThrow(() ->
                        new IOException("the volume " + name + " is gone from pool " + pool))) {
                    reader.copyTo(sink);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of an image whose checksum is unknown (captured where it could not be read back). */
    private String storeChecksum(Source source) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        try (ImageReader reader = store.read(source.volume(), 0, source.size());
             OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            reader.copyTo(sink);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void removeQuietly(HostGateways cell, String pool, String name) {
        try {
            VolumeFiles.delete(cell, pool, name);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot remove the failed copy " + pool + "/" + name + " on " + cell.ref().name(), e);
        }
    }
}
