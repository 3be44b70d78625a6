package dev.vireo.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.libvirt.Domain;
import org.libvirt.ErrorHandler;
import org.libvirt.LibvirtException;
import org.libvirt.jna.DomainPointer;

/**
 * The domain calls with flags that libvirt-java 0.5.4 does not bind (virDomainShutdownFlags,
 * virDomainDestroyFlags, virDomainSetMemoryFlags, virDomainSetMetadata, virDomainSetUserPassword), called through JNA on the domain handle
 * libvirt-java holds, their failures raised as libvirt-java raises its own.
 */
final class NativeDomainCalls {

    interface Virt extends Library {
        int virDomainShutdownFlags(DomainPointer domain, int flags);

        int virDomainDestroyFlags(DomainPointer domain, int flags);

        int virDomainSetMemoryFlags(DomainPointer domain, NativeLong kib, int flags);

        int virDomainSetMetadata(DomainPointer domain, int type, String metadata, String key, String uri, int flags);

        int virDomainSetUserPassword(DomainPointer domain, String user, String password, int flags);
    }

    /** virDomainSetMetadata's type for an element in an application's own namespace. */
    private static final int METADATA_ELEMENT = 2;

    private static final Virt VIRT = Native.load("virt", Virt.class);
    private static final Field HANDLE;
    private static final Method RAISE;

    static {
        try {
            HANDLE = Domain.class.getDeclaredField("vdp");
            HANDLE.setAccessible(true);
            RAISE = ErrorHandler.class.getDeclaredMethod("processError", int.class);
            RAISE.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NativeDomainCalls() {
    }

    static void shutdown(Domain domain, int flags) throws LibvirtException {
        check(VIRT.virDomainShutdownFlags(handle(domain), flags));
    }

    static void destroy(Domain domain, int flags) throws LibvirtException {
        check(VIRT.virDomainDestroyFlags(handle(domain), flags));
    }

    static void setMemory(Domain domain, long kib, int flags) throws LibvirtException {
        check(VIRT.virDomainSetMemoryFlags(handle(domain), new NativeLong(kib), flags));
    }

    /** Replaces the domain's metadata element of namespace {@code uri} (written with prefix {@code key}). */
    static void setMetadataElement(Domain domain, String xml, String key, String uri, int flags) throws LibvirtException {
        check(VIRT.virDomainSetMetadata(handle(domain), METADATA_ELEMENT, xml, key, uri, flags));
    }

    /** Sets a guest user's password through the QEMU guest agent (the password in clear, as libvirt takes it). */
    static void setUserPassword(Domain domain, String user, String password) throws LibvirtException {
        check(VIRT.virDomainSetUserPassword(handle(domain), user, password, 0));
    }

    private static DomainPointer handle(Domain domain) {
        try {
            return (DomainPointer) HANDLE.get(domain);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** libvirt's last error as libvirt-java's exception when the call failed (-1); {@link NativeNetworkCalls} too. */
    static void check(int result) throws LibvirtException {
        if (result >= 0) {
            return;
        }
        try {
            RAISE.invoke(null, result);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof LibvirtException libvirt) {
                throw libvirt;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
