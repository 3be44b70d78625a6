package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** The one handle helper: look up, apply, free, empty when not found; libvirt's errors from its test driver. */
class HandlesTest {

    private Connect connect;
    private final List<String> freed = new ArrayList<>();

    @BeforeEach
    void open() throws LibvirtException {
        connect = new Connect("test:///default");
    }

    @AfterEach
    void close() throws LibvirtException {
        connect.close();
    }

    @Test
    void appliesTheWorkAndFreesTheHandle() throws LibvirtException {
        assertThat(Handles.with(() -> "handle", freed::add, handle -> handle.length())).contains(6);
        assertThat(freed).containsExactly("handle");
    }

    @Test
    void freesTheHandleWhenTheWorkFails() {
        assertThatThrownBy(() -> Handles.with(() -> "handle", freed::add, handle -> {
            throw new IllegalStateException("broken");
        })).hasMessage("broken");
        assertThat(freed).containsExactly("handle");
    }

    @Test
    void isEmptyWhenLibvirtHasNoSuchObjectOrTheWorkFindsNothing() throws LibvirtException {
        assertThat(Handles.domain(connect, "no-such-vm", domain -> "found")).isEmpty();
        assertThat(Handles.pool(connect, "no-such-pool", pool -> "found")).isEmpty();
        assertThat(Handles.volume(connect, "default-pool", "no-such-volume", volume -> "found")).isEmpty();
        assertThat(Handles.network(connect, "no-such-network", network -> "found")).isEmpty();
        assertThat(Handles.with(() -> "handle", freed::add, handle -> null)).isEmpty();
        assertThat(freed).containsExactly("handle");
    }

    @Test
    void findsWhatExists() throws LibvirtException {
        assertThat(Handles.domain(connect, "test", domain -> domain.getName())).contains("test");
        assertThat(Handles.network(connect, "default", network -> network.getName())).contains("default");
    }

    @Test
    void passesOnOtherErrorsOfTheLookup() {
        assertThatThrownBy(() -> Handles.with(() -> connect.domainDefineXML("no XML"), Domain::free, domain -> "defined"))
                .isInstanceOf(LibvirtException.class);
    }

    @Test
    void orGoneTurnsAnObjectRemovedDuringTheWorkIntoNothing() throws LibvirtException {
        Handles.Work<String, String> removedMeanwhile = handle -> {
            connect.domainLookupByName("no-such-vm");
            return "found";
        };

        assertThat(Handles.with(() -> "handle", freed::add, Handles.orGone(removedMeanwhile))).isEmpty();
        assertThatThrownBy(() -> Handles.with(() -> "handle", freed::add, removedMeanwhile))
                .isInstanceOf(LibvirtException.class);
        assertThat(freed).containsExactly("handle", "handle");
    }
}
