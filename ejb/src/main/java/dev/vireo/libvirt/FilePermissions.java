package dev.vireo.libvirt;

/**
 * Who owns a volume's file and its mode bits, as libvirt reports them ({@code <permissions>}).
 *
 * @param mode the permission bits, e.g. {@code 0644}
 */
public record FilePermissions(long owner, long group, int mode) {

    /**
     * Whether a process running as {@code uid}:{@code gid} may read the file, and write it too when
     * {@code write} is asked: the owner's bits for the owner, the group's for the group, the
     * others' for everyone else; root may do anything. Directories above the file are not checked.
     */
    public boolean allows(long uid, long gid, boolean write) {
        if (uid == 0) {
            return true;
        }
        int shift = uid == owner ? 6 : gid == group ? 3 : 0;
        int wanted = write ? 06 : 04;
        return (mode >> shift & wanted) == wanted;
    }
}
