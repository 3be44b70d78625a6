package dev.vireo.libvirt;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.LifecycleListener;

/**
 * The long-lived connection to a libvirt host, and the domain cache its lifecycle events keep
 * fresh. libvirt connections are thread-safe, so all callers share it; it is opened on first use
 * and reopened on the next call after it dropped. A call is never retried: after a dropped
 * connection nobody knows whether it took effect.
 * <p>
 * libvirtd serves at most {@code max_client_requests} (5 by default) calls of one connection at
 * once and queues the rest unread: with 5 VM starts in flight, every define and lookup of the host
 * waited behind them. So calls go to the least busy of up to {@code lanes} connections, the
 * further ones opened when the first is busy; events, liveness and the cache stay on the first. A
 * further connection that drops is reopened by the next call it gets; when the first drops, the
 * others are closed with it. A test-driver host keeps one connection ({@link #lanesFor}).
 */
final class HostConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HostConnection.class.getName());
    static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);
    /** Failed attempts in a row after which a host is down rather than reconnecting. */
    static final int DOWN_AFTER = 3;

    private final String uri;
    private final Object openLock = new Object();
    private final DomainCache domains = new DomainCache();
    private final LifecycleListener listener = this::onLifecycleChange;
    private final BiConsumer<String, DomainEvent> afterEvent;
    // lanes[0] carries the calls on connect; the others, their own connections
    private final Lane[] lanes;
    private volatile Connect connect;
    private volatile boolean events;
    // what the attempts to connect went through since the connection was last up (under openLock)
    private int failures;
    private Instant downSince;
    private Instant nextAttempt;
    private String lastError;

    /** @param afterEvent told of each lifecycle event (domain name, event) once the cache took it in; must not block */
    HostConnection(String uri, BiConsumer<String, DomainEvent> afterEvent) {
        this(uri, afterEvent, 1);
    }

    /** @param lanes how many connections calls may spread over (see {@link #lanesFor}) */
    HostConnection(String uri, BiConsumer<String, DomainEvent> afterEvent, int lanes) {
        this.uri = uri;
        this.afterEvent = afterEvent;
        this.lanes = new Lane[Math.max(1, lanes)];
        for (int i = 0; i < this.lanes.length; i++) {
            this.lanes[i] = new Lane();
        }
    }

    /**
     * How many connections the calls to host {@code uri} spread over, {@code configured} at most: one
     * for the test driver, whose every connection to a file is a hypervisor of its own (and
     * {@code test:///default} only one process's).
     */
    static int lanesFor(String uri, int configured) {
        return uri.startsWith("test:") ? 1 : Math.max(1, configured);
    }

    String uri() {
        return uri;
    }

    <T> T call(LibvirtCall<T> work) throws LibvirtException {
        Connect first = openOrRefuse();
        Lane lane = quietestLane();
        // counted before a further connection opens, so that callers meanwhile pick another lane
        lane.calls.incrementAndGet();
        try {
            Connect current = lane == lanes[0] ? first : lane.open(uri, first);
            try {
                return work.apply(current);
            } catch (LibvirtException e) {
                if (LibvirtErrors.isConnectionFailure(e)) {
                    if (current == first) {
                        drop(current);
                    } else {
                        lane.drop(current);
                    }
                }
                throw e;
            }
        } finally {
            lane.calls.decrementAndGet();
        }
    }

    /** How many connections calls spread over now (those opened so far). */
    int openLanes() {
        int open = connect == null ? 0 : 1;
        for (int i = 1; i < lanes.length; i++) {
            open += lanes[i].connect == null ? 0 : 1;
        }
        return open;
    }

    /** The lane with the fewest calls in flight, the first of those on a tie: a further connection opens only under load. */
    private Lane quietestLane() {
        Lane quietest = lanes[0];
        for (int i = 1; i < lanes.length && quietest.calls.get() > 0; i++) {
            if (lanes[i].calls.get() < quietest.calls.get()) {
                quietest = lanes[i];
            }
        }
        return quietest;
    }

    /** A further connection to the host for calls, opened on first use, reopened after it dropped. */
    private static final class Lane {

        private static final Duration RETRY_REFUSED_AFTER = Duration.ofSeconds(30);

        final AtomicInteger calls = new AtomicInteger();
        volatile Connect connect;
        // when the host last refused this lane's connection (System.nanoTime), if it did since it last opened
        private volatile boolean refused;
        private volatile long refusedAt;

        /**
         * This lane's open connection, opened now if need be; {@code fallback} when it cannot open,
         * and for a while after that without trying again: a host that limits its clients would
         * otherwise be asked for a connection (a TLS handshake, say) by every call under load.
         */
        Connect open(String uri, Connect fallback) {
            Connect current = connect;
            if (current != null && isAlive(current)) {
                return current;
            }
            if (refused && System.nanoTime() - refusedAt < RETRY_REFUSED_AFTER.toNanos()) {
                return fallback;
            }
            synchronized (this) {
                if (connect != null && !isAlive(connect)) {
                    closeQuietly(connect);
                    connect = null;
                }
                if (connect == null) {
                    try {
                        connect = new Connect(uri);
                        refused = false;
                    } catch (LibvirtException e) {
                        refusedAt = System.nanoTime();
                        refused = true;
                        LOG.log(Level.FINE, "Cannot open a further connection to " + uri, e);
                        return fallback;
                    }
                }
                return connect;
            }
        }

        synchronized void drop(Connect dead) {
            if (connect == dead) {
                connect = null;
                closeQuietly(dead);
            }
        }

        synchronized void close() {
            if (connect != null) {
                closeQuietly(connect);
                connect = null;
            }
        }

        private static void closeQuietly(Connect target) {
            try {
                target.close();
            } catch (LibvirtException | RuntimeException e) {
                LOG.log(Level.FINE, "Closing a further libvirt connection failed", e);
            }
        }
    }

    /** The domain cache while lifecycle events keep it fresh; null when this host sends none. */
    DomainCache domainCache() {
        return events ? domains : null;
    }

    /**
     * The open connection, opened now when none is and no back-off holds; else a 503 that says
     * why, at once: while a host is away, requests about it do not wait on a connection attempt each.
     */
    private Connect openOrRefuse() {
        Connect current = connect;
        if (current != null && isAlive(current)) {
            return current;
        }
        synchronized (openLock) {
            if (connect != null && connect == current) {
                drop(current);
            }
            if (connect == null) {
                Instant now = Instant.now();
                if (nextAttempt != null && now.isBefore(nextAttempt)) {
                    throw new VireoException(ErrorCode.HOST_UNREACHABLE, uri, lastError + " (next attempt in "
                            + Math.max(1, Duration.between(now, nextAttempt).toSeconds()) + " s)");
                }
                try {
                    LOG.info(() -> "Connecting to libvirt at " + uri
                            + (lanes.length > 1 ? " (calls over up to " + lanes.length + " connections)" : ""));
                    Connect opened = new Connect(uri);
                    domains.clear();
                    events = subscribe(opened);
                    connect = opened;
                    failures = 0;
                    nextAttempt = null;
                    downSince = null;
                    lastError = null;
                } catch (LibvirtException e) {
                    failures++;
                    lastError = LibvirtErrors.connectFailure(uri, e);
                    downSince = downSince == null ? now : downSince;
                    nextAttempt = now.plus(backOff(failures));
                    throw new VireoException(ErrorCode.HOST_UNREACHABLE, e, uri, lastError);
                }
            }
            return connect;
        }
    }

    /** 1, 2, 4, … seconds after each failed attempt in a row, at most {@link #MAX_BACK_OFF}. */
    static Duration backOff(int failures) {
        return failures >= 6 ? MAX_BACK_OFF : Duration.ofSeconds(Math.min(MAX_BACK_OFF.toSeconds(), 1L << (failures - 1)));
    }

    /** Opens the connection when it is due (or checks the open one), and says how the host is now. */
    HostLiveness probe() {
        try {
            openOrRefuse();
        } catch (VireoException e) {
            // the liveness below says it
        }
        return liveness();
    }

    /** How the host is, from what its connection went through; no call to libvirt. */
    HostLiveness liveness() {
        synchronized (openLock) {
            if (connect != null) {
                return new HostLiveness(HostLiveness.State.CONNECTED, null, null);
            }
            if (downSince == null) {
                return new HostLiveness(HostLiveness.State.NOT_CONNECTED, null, null);
            }
            HostLiveness.State state = failures >= DOWN_AFTER ? HostLiveness.State.DOWN : HostLiveness.State.RECONNECTING;
            return new HostLiveness(state, downSince, lastError);
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
            // an UNDEFINED domain is read back too: a running one goes on as a transient domain
            if (current == null) {
                domains.remove(name);
            } else {
                long mark = domains.mark();
                LifecycleOperations.byName(current, name).ifPresentOrElse(summary -> domains.putIfNewer(summary, mark),
                        () -> domains.remove(name));
            }
            afterEvent.accept(name, event);
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
                downSince = Instant.now();
                lastError = "the connection was lost";
                LOG.warning(() -> "Lost the connection to libvirt at " + uri + "; the next call reconnects");
                closeQuietly(dead);
                closeFurtherLanes();
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
            closeFurtherLanes();
        }
    }

    private void closeFurtherLanes() {
        for (int i = 1; i < lanes.length; i++) {
            lanes[i].close();
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
