package dev.vireo.host;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostRef;
import java.net.URI;
import java.util.Set;

/**
 * Which libvirt hosts the machine Vireo runs on can speak for. Disks, volume groups, Open vSwitch,
 * the OS release and the load are read here (tools, /proc), so they describe the libvirt host only
 * when its URI names no other machine; libvirt's test driver counts as local. Hardware that libvirt
 * reports (interfaces) is completed from this machine's /sys only for a real local driver, never
 * for the test driver's invented devices.
 */
public final class LocalMachine {

    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private LocalMachine() {
    }

    /** Whether the host's URI names no machine other than this one. */
    public static boolean isLocal(HostRef host) {
        URI uri = parse(host.uri());
        if (uri == null) {
            return false;
        }
        String machine = uri.getHost();
        return machine == null || machine.isEmpty() || LOCAL_NAMES.contains(machine);
    }

    /** Whether this machine's /sys describes the hardware of the libvirt host. */
    public static boolean isRealLocal(HostRef host) {
        URI uri = parse(host.uri());
        return isLocal(host) && uri.getScheme() != null && !uri.getScheme().startsWith("test");
    }

    /** null for a URI Java cannot read, which then counts as another machine's. */
    private static URI parse(String libvirtUri) {
        try {
            return URI.create(libvirtUri);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Refuses with a 409 when {@code what} (plural) cannot be read for the libvirt host here. */
    public static void require(HostRef host, String what) {
        if (!isLocal(host)) {
            throw new VireoException(ErrorCode.HOST_NOT_LOCAL, what, host.uri());
        }
    }
}
