package dev.vireo.libvirt;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.DomainEventType;
import org.libvirt.event.LifecycleListener;

/**
 * The one long-lived connection to a libvirt host, and the domain cache its lifecycle events keep
 * fresh. libvirt connections are thread-safe, so all callers share it; it is opened on first use
 * and reopened on the next call after it dropped. A call is never retried: after a dropped
 * connection nobody knows whether it took effect.
 */
final class HostConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HostConnection.class.getName());

    private final String uri;
    private final Object openLock = new Object();
    private final DomainCache domains = new DomainCache();
    private final LifecycleListener listener = this::onLifecycleChange;
    private volatile Connect connect;
    private volatile boolean events;

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

    /** The domain cache while lifecycle events keep it fresh; null when this host sends none. */
    DomainCache domainCache() {
        return events ? domains : null;
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
                Connect opened = new Connect(uri);
                domains.clear();
                events = subscribe(opened);
                connect = opened;
            }
            return connect;
        }
    }

    private boolean subscribe(Connect opened) {
        try {
            opened.addLifecycleListener(listener);
            return true;
        } catch (LibvirtException e) {
            LOG.warning(() -> uri + " sends no lifecycle events (" + LibvirtErrors.message(e)
                    + "): VM reads go to libvirt every time");
            return false;
        }
    }

    /** Runs on libvirt's event loop thread: brings the domain's cache entry up to date. */
    private int onLifecycleChange(Domain domain, DomainEvent event) {
        Connect current = connect;
        try {
            String name = domain.getName();
            if (event.getType() == DomainEventType.UNDEFINED || current == null) {
                domains.remove(name);
            } else {
                long mark = domains.mark();
                LifecycleOperations.byName(current, name).ifPresentOrElse(summary -> domains.putIfNewer(summary, mark),
                        () -> domains.remove(name));
            }
        } catch (LibvirtException | RuntimeException e) {
            // never let an exception into libvirt's native loop; the periodic listing repairs the entry
            LOG.log(Level.FINE, "Cannot refresh a domain after " + event + " on " + uri, e);
        }
        return 0;
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
                events = false;
                domains.clear();
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
                events = false;
                domains.clear();
            }
        }
    }

    private void closeQuietly(Connect target) {
        try {
            if (events) {
                target.removeLifecycleListener(listener);
            }
            target.close();
        } catch (LibvirtException | RuntimeException e) {
            LOG.log(Level.FINE, "Closing the connection to " + uri + " failed", e);
        }
    }
}
