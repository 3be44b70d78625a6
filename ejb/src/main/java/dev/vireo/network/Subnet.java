package dev.vireo.network;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.List;

/** An IPv4 subnet: its network address and prefix, and the addresses Vireo gives it (host .1, DHCP .2 to last). */
record Subnet(long network, int prefix) {

    static final int MIN_PREFIX = 8;
    static final int MAX_PREFIX = 28;

    /** Parses "192.168.100.0/24" or "192.168.100.0/255.255.255.0". */
    static Subnet parse(String text) {
        String[] parts = text.split("/");
        if (parts.length != 2) {
            throw invalid(text, "write it as address/prefix, e.g. 192.168.100.0/24");
        }
        long address = address(parts[0], text);
        int prefix = parts[1].contains(".") ? Long.bitCount(address(parts[1], text)) : number(parts[1], text);
        if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) {
            throw invalid(text, "the prefix must lie between " + MIN_PREFIX + " and " + MAX_PREFIX);
        }
        long mask = mask(prefix);
        return new Subnet(address & mask, prefix);
    }

    static Subnet of(String address, int prefix) {
        return new Subnet(address(address, address) & mask(prefix), prefix);
    }

    /** The first 192.168.X.0/24 (X from 100) that overlaps none of {@code taken}. */
    static Subnet free(List<Subnet> taken) {
        for (int third = 100; third < 255; third++) {
            Subnet candidate = parse("192.168." + third + ".0/24");
            if (taken.stream().noneMatch(candidate::overlaps)) {
                return candidate;
            }
        }
        throw new VireoException(ErrorCode.NETWORK_INVALID, "no free 192.168.100-254.0/24 subnet: give one");
    }

    boolean overlaps(Subnet other) {
        long mask = mask(Math.min(prefix, other.prefix));
        return (network & mask) == (other.network & mask);
    }

    String gateway() {
        return text(network + 1);
    }

    String netmask() {
        return text(mask(prefix));
    }

    String dhcpStart() {
        return text(network + 2);
    }

    String dhcpEnd() {
        return text((network | ~mask(prefix) & 0xffffffffL) - 1);
    }

    @Override
    public String toString() {
        return text(network) + "/" + prefix;
    }

    private static long mask(int prefix) {
        return (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    private static long address(String text, String whole) {
        String[] octets = text.split("\\.");
        if (octets.length != 4) {
            throw invalid(whole, "'" + text + "' is not a dotted IPv4 address");
        }
        long value = 0;
        for (String octet : octets) {
            int part = number(octet, whole);
            if (part > 255) {
                throw invalid(whole, "'" + text + "' is not a dotted IPv4 address");
            }
            value = value << 8 | part;
        }
        return value;
    }

    private static int number(String text, String whole) {
        if (!text.matches("\\d{1,3}")) {
            throw invalid(whole, "'" + text + "' is not a number");
        }
        return Integer.parseInt(text);
    }

    private static String text(long address) {
        return (address >> 24 & 255) + "." + (address >> 16 & 255) + "." + (address >> 8 & 255) + "." + (address & 255);
    }

    private static VireoException invalid(String subnet, String why) {
        return new VireoException(ErrorCode.NETWORK_INVALID, "subnet '" + subnet + "': " + why);
    }
}
