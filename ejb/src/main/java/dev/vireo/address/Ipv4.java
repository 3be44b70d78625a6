package dev.vireo.address;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.regex.Pattern;

/**
 * IPv4 addresses as numbers (0 to 2³²−1) to compare, count and step through. Only the canonical
 * dotted quad is taken (four decimal octets, no leading zeros), so one address has one spelling in
 * the database, and parsing never looks a name up.
 */
public final class Ipv4 {

    /** The widest and narrowest subnets a range may lie in. */
    static final int MIN_PREFIX = 8;
    static final int MAX_PREFIX = 30;

    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");

    private Ipv4() {
    }

    /** The address {@code text} names; a 400 naming {@code field} for anything but a canonical dotted quad. */
    public static long parse(String field, String text) {
        if (text == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, field);
        }
        var octets = DOTTED_QUAD.matcher(text);
        long address = octets.matches() ? 0 : -1;
        for (int i = 1; address >= 0 && i <= 4; i++) {
            int octet = Integer.parseInt(octets.group(i));
            address = octet > 255 ? -1 : address << 8 | octet;
        }
        if (address < 0) {
            throw new VireoException(ErrorCode.INVALID_ADDRESS, field, text, "give an IPv4 address such as 172.16.3.1");
        }
        return address;
    }

    /** The prefix length of a netmask such as 255.255.255.0; a 400 for a mask whose bits are not contiguous or out of bounds. */
    public static int prefixOf(String field, String netmask) {
        long mask = parse(field, netmask);
        int prefix = Long.bitCount(mask);
        if (mask != mask(prefix)) {
            throw new VireoException(ErrorCode.INVALID_ADDRESS, field, netmask, "a netmask's one bits come first");
        }
        if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) {
            throw new VireoException(ErrorCode.INVALID_ADDRESS, field, netmask,
                    "use a netmask of " + MIN_PREFIX + " to " + MAX_PREFIX + " bits");
        }
        return prefix;
    }

    public static String text(long address) {
        return (address >>> 24 & 0xff) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }

    static long mask(int prefix) {
        return (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    /** The subnet's own address ({@code address} with the host bits cleared). */
    static long network(long address, int prefix) {
        return address & mask(prefix);
    }

    /** The subnet's broadcast address (every host bit set). */
    static long broadcast(long address, int prefix) {
        return network(address, prefix) | (~mask(prefix) & 0xffffffffL);
    }
}
