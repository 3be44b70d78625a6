package dev.vireo.e2e;

import java.util.ArrayList;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Library;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.DomainEventType;
import org.libvirt.event.LifecycleListener;

/**
 * The test's own libvirt connection to the real host, only to watch: the lifecycle events libvirt
 * sends (a domain started, stopped), in the order the daemon sent them. The listener is registered
 * before {@link #LifecycleRecorder} returns, so nothing done afterwards is missed.
 */
final class LifecycleRecorder implements AutoCloseable {

    /** One event: the domain and what happened to it. */
    record Event(String domain, DomainEventType type) {
    }

    private static boolean loopRunning;

    private final Connect connect;
    private final List<Event> events = new ArrayList<>();
    private final LifecycleListener listener = this::record;

    LifecycleRecorder(String uri) throws LibvirtException {
        startEventLoop();
        connect = new Connect(uri, true);
        connect.addLifecycleListener(listener);
    }

    private static synchronized void startEventLoop() throws LibvirtException {
        if (!loopRunning) {
            Library.initEventLoop();
            Thread loop = new Thread(() -> {
                try {
                    Library.runEventLoop();
                } catch (LibvirtException | InterruptedException e) {
                    // the test JVM is ending
                }
            }, "e2e-libvirt-events");
            loop.setDaemon(true);
            loop.start();
            loopRunning = true;
        }
    }

    private int record(Domain domain, DomainEvent event) {
        try {
            String name = domain.getName();
            synchronized (events) {
                events.add(new Event(name, event.getType()));
            }
        } catch (LibvirtException e) {
            // a domain gone again before its name could be read: not one this test watches
        }
        return 0;
    }

    /** The domains of {@code wanted} that had an event of {@code type}, in the order libvirt sent them. */
    List<String> domainsThat(DomainEventType type, List<String> wanted) {
        synchronized (events) {
            return events.stream().filter(event -> event.type() == type && wanted.contains(event.domain()))
                    .map(Event::domain).toList();
        }
    }

    /** Forgets what was recorded so far. */
    void clear() {
        synchronized (events) {
            events.clear();
        }
    }

    @Override
    public void close() throws LibvirtException {
        connect.removeLifecycleListener(listener);
        connect.close();
    }
}
