package dev.vireo.vm;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.List;

/**
 * What Nano's guest search asks for; every criterion is optional and all given must match.
 *
 * @param name    a part of the guest's name
 * @param owner   the account that owns it
 * @param group   a group it is shared with
 * @param pool    the compute pool of its host
 * @param cell    its host
 * @param address an IP address one of its NICs holds
 * @param running whether it runs (paused counts as running)
 */
public record GuestQuery(String name, String owner, String group, String pool, String cell, String address,
                         Boolean running) {

    private static final int MAX_TEXT = 255;

    public GuestQuery {
        for (String text : new String[] {name, owner, group, pool, cell, address}) {
            if (text != null && (text.isEmpty() || text.length() > MAX_TEXT)) {
                throw new VireoException(ErrorCode.INVALID_VALUE, "search criterion",
                        "each one is 1 to " + MAX_TEXT + " characters");
            }
        }
    }

    boolean matchesDefinition(String guestName, String guestOwner, List<String> guestGroups, boolean guestRunning) {
        return (name == null || guestName.contains(name))
                && (owner == null || owner.equals(guestOwner))
                && (group == null || guestGroups.contains(group))
                && (running == null || running == guestRunning);
    }

    boolean matchesAddress(List<String> addresses) {
        return address == null || addresses.contains(address);
    }
}
