package dev.vireo.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.libvirt.HostRef;
import org.junit.jupiter.api.Test;

/** A lock's key: the host, what the object is and its name. */
class LockTargetTest {

    private static final HostRef LOCAL = new HostRef(HostRef.DEFAULT, "qemu:///system");
    private static final HostRef KVM2 = new HostRef("kvm2", "qemu+ssh://kvm2/system");

    @Test
    void theSameObjectOnOneHostIsOneTarget() {
        assertThat(LockTarget.vm(LOCAL, "web1")).isEqualTo(LockTarget.vm(new HostRef(HostRef.DEFAULT, "qemu:///system"), "web1"));
        assertThat(LockTarget.volume(KVM2, "default", "a.qcow2")).isEqualTo(LockTarget.volume(KVM2, "default", "a.qcow2"));
    }

    @Test
    void theSameNameOnTwoHostsOrOfTwoKindsIsTwoTargets() {
        assertThat(LockTarget.vm(LOCAL, "web1")).isNotEqualTo(LockTarget.vm(KVM2, "web1"));
        assertThat(LockTarget.pool(LOCAL, "default")).isNotEqualTo(LockTarget.pool(KVM2, "default"));
        assertThat(LockTarget.network(LOCAL, "default")).isNotEqualTo(LockTarget.pool(LOCAL, "default"));
    }

    @Test
    void namesTheHostOnlyWhenItIsNotTheDefaultOne() {
        assertThat(LockTarget.vm(LOCAL, "web1")).hasToString("virtual machine web1");
        assertThat(LockTarget.volume(LOCAL, "default", "a.qcow2")).hasToString("storage volume default/a.qcow2");
        assertThat(LockTarget.hostDevice(KVM2, "pci_0000_00_02_0")).hasToString("host device pci_0000_00_02_0 on host kvm2");
        assertThat(LockTarget.template("tiny")).hasToString("template tiny");
    }
}
