package dev.vireo.libvirt;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * The one long-lived connection to a libvirt host. libvirt connections are thread-safe, so all
 * callers share it; it is opened on first use and reopened on the next call after it dropped.
 * A call is never retried: after a dropped connection nobody knows whether it took effect.
 */
final class HostConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HostConnection.class.getName());

    private final String uri;
    private final Object openLock = new Object();
    private volatile Connect connect;

    HostConnection(String uri) {
        this.uri = uri;
    }

    String uri() {
        return uri;
    }

    <T> T call(LibvirtCall<T> work) throws LibvirtException {
        Connect current;
        try {
            current = open();
        } catch (LibvirtException e) {
            throw new VireoException(ErrorCode.HOST_UNREACHABLE, e, uri, LibvirtErrors.message(e));
        }
        try {
            return work.apply(current);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isConnectionFailure(e)) {
                drop(current);
            }
            throw e;
        }
    }

    private Connect open() throws LibvirtException {
        Connect current = connect;
        if (current != null && isAlive(current)) {
            return current;
        }
        synchronized (openLock) {
            if (connect != null && connect == current) {
                drop(current);
            }
            if (connect == null) {
                LOG.info(() -> "Connecting to libvirt at " + uri);
                connect = new Connect(uri);
            }
            return connect;
        }
    }

    private static boolean isAlive(Connect candidate) {
        try {
            return candidate.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }

    private void drop(Connect dead) {
        synchronized (openLock) {
            if (connect == dead) {
                connect = null;
                LOG.warning(() -> "Lost the connection to libvirt at " + uri + "; the next call reconnects");
                closeQuietly(dead);
            }
        }
    }

    @Override
    public void close() {
        synchronized (openLock) {
            if (connect != null) {
                closeQuietly(connect);
                connect = null;
            }
        }
    }

    private void closeQuietly(Connect target) {
        try {
            target.close();
        } catch (LibvirtException | RuntimeException e) {
            LOG.log(Level.FINE, "Closing the connection to " + uri + " failed", e);
        }
    }
}
