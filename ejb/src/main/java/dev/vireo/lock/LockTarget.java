package dev.vireo.lock;

import dev.vireo.libvirt.HostRef;

/**
 * What an operation locks: a libvirt object of a host (or the name of one about to be made there)
 * or a template. The same name on two hosts is two targets.
 *
 * @param host the name of the host the object lives on; null for what is Vireo's own (a template)
 * @param kind what it is, as a person says it ("virtual machine")
 * @param name its name; a volume's is {@code pool/volume}
 */
public record LockTarget(String host, String kind, String name) {

    /** The kind of {@link #imageUse} targets; their name is {@code image/owner/guest}. */
    public static final String IMAGE_USE = "guest made from image";

    /** The kind of {@link #imageReset} targets; their name is {@code image/owner/guest}. */
    public static final String IMAGE_RESET = "guest reset from image";

    public static LockTarget vm(HostRef host, String name) {
        return new LockTarget(host.name(), "virtual machine", name);
    }

    public static LockTarget pool(HostRef host, String name) {
        return new LockTarget(host.name(), "storage pool", name);
    }

    public static LockTarget volume(HostRef host, String pool, String name) {
        return new LockTarget(host.name(), "storage volume", pool + "/" + name);
    }

    public static LockTarget network(HostRef host, String name) {
        return new LockTarget(host.name(), "network", name);
    }

    public static LockTarget hostDevice(HostRef host, String name) {
        return new LockTarget(host.name(), "host device", name);
    }

    /** A disk image's copy on a host: one task makes it, the others wait for it to be made. */
    public static LockTarget imageCopy(HostRef host, String image) {
        return new LockTarget(host.name(), "copy of image", image);
    }

    /** A disk image being deleted: while its delete runs, no guest is made from it. */
    public static LockTarget image(String image) {
        return new LockTarget(null, "image", image);
    }

    /**
     * A guest being made from a disk image, held until its creation task ends so that the image is
     * not deleted under it. One per guest, so creations from one image never wait for each other.
     *
     * @param owner the account the guest will belong to (a refusal names only guests one may see)
     */
    public static LockTarget imageUse(String image, String owner, String guest) {
        return new LockTarget(null, IMAGE_USE, image + "/" + owner + "/" + guest);
    }

    /**
     * A guest's system disk being reset from a disk image, held until the reset task ends so that
     * the image is not deleted under it ({@link #imageUse}'s counterpart for an existing guest).
     */
    public static LockTarget imageReset(String image, String owner, String guest) {
        return new LockTarget(null, IMAGE_RESET, image + "/" + owner + "/" + guest);
    }

    /** A VM name about to be taken somewhere in the zone: names are unique across the hosts. */
    public static LockTarget newVmName(String name) {
        return new LockTarget(null, "virtual machine name", name);
    }

    public static LockTarget template(String name) {
        return new LockTarget(null, "template", name);
    }

    /** A host's registration in the zone (Vireo's own data, like a template). */
    public static LockTarget managedHost(String name) {
        return new LockTarget(null, "host", name);
    }

    public static LockTarget computePool(String name) {
        return new LockTarget(null, "compute pool", name);
    }

    /** A cluster of VMs: its start or stop holds it, so the whole is never started and stopped at once. */
    public static LockTarget cluster(String name) {
        return new LockTarget(null, "cluster", name);
    }

    /** An address pool: its own changes and its ranges' (allocations serialize on its database row instead). */
    public static LockTarget addressPool(String name) {
        return new LockTarget(null, "address pool", name);
    }

    /**
     * The target's key among every server's locks: unique per target, since kinds and host names
     * hold no {@code |} and the name, which may, comes last.
     */
    public String key() {
        return kind + "|" + (host == null ? "" : host) + "|" + name;
    }

    /** How a refusal names the target; the host only when it is not the default one. */
    @Override
    public String toString() {
        return host == null || HostRef.DEFAULT.equals(host) ? kind + " " + name : kind + " " + name + " on host " + host;
    }
}
