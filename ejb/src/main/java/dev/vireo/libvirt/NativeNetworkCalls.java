package dev.vireo.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.lang.reflect.Field;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.jna.NetworkPointer;

/**
 * virNetworkUpdate, which libvirt-java 0.5.4 does not bind, called through JNA on the network handle
 * libvirt-java holds, its failures raised as libvirt-java raises its own ({@link NativeDomainCalls#check}).
 */
final class NativeNetworkCalls {

    /** virNetworkUpdateCommand. */
    static final int DELETE = 2;
    static final int ADD_LAST = 3;
    /** virNetworkUpdateSection: an {@code <ip><dhcp><host>} entry. */
    static final int IP_DHCP_HOST = 4;
    /** virNetworkUpdateFlags. */
    static final int AFFECT_LIVE = 1;
    static final int AFFECT_CONFIG = 2;

    interface Virt extends Library {
        int virNetworkUpdate(NetworkPointer network, int command, int section, int parentIndex, String xml, int flags);
    }

    private static final Virt VIRT = Native.load("virt", Virt.class);
    private static final Field HANDLE;

    static {
        try {
            HANDLE = Network.class.getDeclaredField("vnp");
            HANDLE.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NativeNetworkCalls() {
    }

    /** Changes one section of a network's definition, live (when it runs) and persistent (when it is defined). */
    static void update(Network network, int command, int section, String xml) throws LibvirtException {
        int flags = (network.isActive() == 1 ? AFFECT_LIVE : 0) | (network.isPersistent() == 1 ? AFFECT_CONFIG : 0);
        NativeDomainCalls.check(VIRT.virNetworkUpdate(handle(network), command, section, -1, xml, flags));
    }

    private static NetworkPointer handle(Network network) {
        try {
            return (NetworkPointer) HANDLE.get(network);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
