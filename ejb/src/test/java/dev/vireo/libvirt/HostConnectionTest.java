package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.VireoException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

class HostConnectionTest {

    @Test
    void backsOffExponentiallyUpToHalfAMinute() {
        assertThat(HostConnection.backOff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(HostConnection.backOff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(HostConnection.backOff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(HostConnection.backOff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(HostConnection.backOff(40)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aHostThatRefusesIsReconnectingSinceItsFirstFailureAndCallsDuringTheBackOffFailAtOnce() throws Exception {
        // nothing listens on port 1: the connection is refused at once
        try (HostConnection connection = new HostConnection("qemu+tcp://127.0.0.1:1/system", (domain, event) -> { })) {
            assertThat(connection.liveness().state()).isEqualTo(HostLiveness.State.NOT_CONNECTED);
            HostLiveness first = connection.probe();
            assertThat(first.state()).isEqualTo(HostLiveness.State.RECONNECTING);
            assertThat(first.since()).isNotNull();
            assertThat(first.reason()).isNotBlank();
            assertThatThrownBy(() -> connection.call(connect -> connect.getHostName()))
                    .isInstanceOf(VireoException.class)
                    .hasMessageContaining("next attempt in");
            assertThat(connection.probe().since()).isEqualTo(first.since());
        }
    }

    @Test
    void aReachableHostIsConnected() throws Exception {
        try (HostConnection connection = new HostConnection("test:///default", (domain, event) -> { })) {
            assertThat(connection.probe()).isEqualTo(new HostLiveness(HostLiveness.State.CONNECTED, null, null));
            String type = connection.call(connect -> connect.getType());
            assertThat(type).isEqualToIgnoringCase("test");
        }
    }

    @Test
    void aCallWhileTheFirstConnectionIsBusyGoesToAFurtherOneThatSeesTheSameHost() throws Exception {
        // test:///default stands in for a daemon here: its connections in one process share one state
        try (HostConnection connection = new HostConnection("test:///default", (domain, event) -> { }, 4)) {
            connection.call(connect -> connect.getHostName());
            connection.call(connect -> connect.getHostName());
            assertThat(connection.openLanes()).as("calls one after another keep to the first").isEqualTo(1);
            String name = "lane-" + UUID.randomUUID();
            String defined = whileFirstIsBusy(connection, name);
            assertThat(connection.openLanes()).isEqualTo(2);
            assertThat(defined).isEqualTo(name);
            // defined through the second connection, seen through the first
            boolean seen = connection.call(connect -> LifecycleOperations.byName(connect, name).isPresent());
            assertThat(seen).isTrue();
            connection.call(connect -> LifecycleOperations.remove(connect, name));
        }
    }

    @Test
    void aFurtherConnectionThatDiedIsOpenedAgainByTheNextCallItGets() throws Exception {
        String name = "vireo-lane-reopened-" + System.nanoTime();
        try (HostConnection connection = new HostConnection("test:///default", (domain, event) -> { }, 4)) {
            connection.call(Connect::getHostName);
            Connect further = whileFirstIsBusy(connection, connect -> connect);
            further.close();
            assertThat(connection.openLanes()).as("not yet noticed").isEqualTo(2);

            Connect reopened = whileFirstIsBusy(connection, connect -> connect);
            assertThat(reopened).isNotSameAs(further);
            String defined = whileFirstIsBusy(connection, name);
            assertThat(defined).isEqualTo(name);
            assertThat(connection.openLanes()).isEqualTo(2);
            connection.call(connect -> LifecycleOperations.remove(connect, name));
        }
    }

    @Test
    void theTestDriverKeepsOneConnectionOtherHostsTheConfiguredNumber() {
        // each test:///path connection is a hypervisor of its own; test:///default one per process
        assertThat(HostConnection.lanesFor("test:///default", 4)).isEqualTo(1);
        assertThat(HostConnection.lanesFor("test:///var/lib/vireo/host.xml", 4)).isEqualTo(1);
        assertThat(HostConnection.lanesFor("qemu+tls://host.example/system", 4)).isEqualTo(4);
        assertThat(HostConnection.lanesFor("qemu:///system", 1)).isEqualTo(1);
        assertThat(HostConnection.lanesFor("qemu:///system", 0)).as("never none").isEqualTo(1);
    }

    /** Defines domain {@code name} in a call made while another call holds the first connection; answers its name. */
    private static String whileFirstIsBusy(HostConnection connection, String name) throws Exception {
        return whileFirstIsBusy(connection, connect -> LifecycleOperations.define(connect, "<domain type='test'><name>" + name
                + "</name><memory>65536</memory><os><type>hvm</type></os></domain>").name());
    }

    /** Makes {@code work} while another call holds the first connection; answers what it answers. */
    private static <T> T whileFirstIsBusy(HostConnection connection, LibvirtCall<T> work) throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try {
                connection.call(connect -> {
                    busy.countDown();
                    try {
                        return done.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
            } catch (LibvirtException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(busy.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            return connection.call(work);
        } finally {
            done.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }
    }
}
