package dev.vireo.libvirt;

import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Library;
import org.libvirt.LibvirtException;

/**
 * libvirt's default event loop, run on one thread: it delivers lifecycle events (and keepalives
 * of remote connections). It must be registered before the first connection opens. Registration
 * is once per JVM (libvirt-java remembers it), so a redeployed Vireo only starts a new runner.
 */
final class EventLoop {

    private static final Logger LOG = Logger.getLogger(EventLoop.class.getName());
    private static final long JOIN_MILLIS = 2_000;

    private Thread runner;

    /** Starts the loop; returns false (and logs why) when libvirt cannot run one. */
    boolean start(ThreadFactory threads) {
        try {
            Library.initEventLoop();
        } catch (LibvirtException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "libvirt's event loop cannot start: VM state is read from libvirt on every request", e);
            return false;
        }
        runner = threads.newThread(EventLoop::run);
        runner.setName("libvirt-event-loop");
        runner.setDaemon(true);
        runner.start();
        return true;
    }

    private static void run() {
        try {
            Library.runEventLoop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LibvirtException e) {
            LOG.log(Level.SEVERE, "libvirt's event loop stopped", e);
        }
    }

    void stop() {
        if (runner == null) {
            return;
        }
        try {
            Library.stopEventLoop();
            runner.join(JOIN_MILLIS);
        } catch (LibvirtException e) {
            LOG.log(Level.WARNING, "Cannot stop libvirt's event loop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runner = null;
    }
}
