package dev.vireo.libvirt;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * The lifecycle actions on a domain, as the Kimchi API names them, with the states each starts
 * from. Checking the state first gives every driver's refusal the same clear answer.
 */
public enum DomainAction {
    START(EnumSet.of(DomainState.SHUTOFF, DomainState.CRASHED, DomainState.NOSTATE)) {
        @Override
        void apply(Domain domain) throws LibvirtException {
            domain.create();
        }
    },
    /** Pulls the plug: the guest gets no chance to flush. */
    POWEROFF(EnumSet.of(DomainState.RUNNING, DomainState.BLOCKED, DomainState.PAUSED,
            DomainState.SHUTDOWN, DomainState.CRASHED, DomainState.PMSUSPENDED)) {
        @Override
        void apply(Domain domain) throws LibvirtException {
            domain.destroy();
        }
    },
    /** Asks the guest to shut down; the guest may ignore it. */
    SHUTDOWN(EnumSet.of(DomainState.RUNNING, DomainState.BLOCKED)) {
        @Override
        void apply(Domain domain) throws LibvirtException {
            domain.shutdown();
        }
    },
    REBOOT(EnumSet.of(DomainState.RUNNING, DomainState.BLOCKED)) {
        @Override
        void apply(Domain domain) throws LibvirtException {
            domain.reboot(0);
        }
    },
    /** Like pressing the reset button: no guest involvement. */
    RESET(EnumSet.of(DomainState.RUNNING, DomainState.BLOCKED, DomainState.PAUSED)) {
        @Override
        void apply(Domain domain) throws LibvirtException {
            domain.reset();
        }
    },
    SUSPEND(EnumSet.of(DomainState.RUNNING, DomainState.BLOCKED)) {
        @Override
        void apply(Domain domain) throws LibvirtException {
            domain.suspend();
        }
    },
    RESUME(EnumSet.of(DomainState.PAUSED)) {
        @Override
        void apply(Domain domain) throws LibvirtException {
            domain.resume();
        }
    };

    private final Set<DomainState> from;

    DomainAction(Set<DomainState> from) {
        this.from = from;
    }

    /** Whether the action can be applied to a domain in {@code state}. */
    public boolean appliesTo(DomainState state) {
        return from.contains(state);
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    abstract void apply(Domain domain) throws LibvirtException;
}
