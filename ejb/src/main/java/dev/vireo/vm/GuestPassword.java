package dev.vireo.vm;

/**
 * A guest user's password as Vireo last set it.
 *
 * @param applied {@code now} (set in the running guest by its agent) or {@code next_boot} (cloud-init sets it
 *                when the guest next starts, from the seed drive Vireo attached)
 */
public record GuestPassword(String user, String password, String applied) {

    public static final String NOW = "now";
    public static final String NEXT_BOOT = "next_boot";
}
