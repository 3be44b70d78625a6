package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostCapabilitiesTest {

    /** A QEMU/KVM host on x86_64; the i686 guest comes first so that order alone cannot pick the right one. */
    private static final String KVM_HOST = """
            <capabilities>
              <host>
                <uuid>44454c4c-4b00-1039-8034-b8c04f4a4a32</uuid>
                <cpu>
                  <arch>x86_64</arch>
                  <model>Skylake-Client-IBRS</model>
                  <vendor>Intel</vendor>
                  <topology sockets='1' dies='1' cores='4' threads='2'/>
                  <feature name='vmx'/>
                </cpu>
                <power_management><suspend_mem/></power_management>
                <migration_features><live/></migration_features>
              </host>
              <guest>
                <os_type>hvm</os_type>
                <arch name='i686'>
                  <wordsize>32</wordsize>
                  <emulator>/usr/bin/qemu-system-i386</emulator>
                  <machine maxCpus='255'>pc-i440fx-7.2</machine>
                  <domain type='qemu'/>
                  <domain type='kvm'/>
                </arch>
                <features><pae/><nonpae/></features>
              </guest>
              <guest>
                <os_type>hvm</os_type>
                <arch name='x86_64'>
                  <wordsize>64</wordsize>
                  <emulator>/usr/bin/qemu-system-x86_64</emulator>
                  <machine maxCpus='288'>pc-q35-7.2</machine>
                  <domain type='qemu'/>
                  <domain type='kvm'/>
                </arch>
              </guest>
            </capabilities>
            """;

    @Test
    void readsTheHostArchitecture() {
        assertThat(HostCapabilities.fromXml(KVM_HOST).hostArch()).isEqualTo("x86_64");
    }

    @Test
    void readsEveryGuestWithItsDomainTypes() {
        assertThat(HostCapabilities.fromXml(KVM_HOST).guests()).containsExactly(
                new HostCapabilities.Guest("hvm", "i686", List.of("qemu", "kvm")),
                new HostCapabilities.Guest("hvm", "x86_64", List.of("qemu", "kvm")));
    }

    @Test
    void prefersTheGuestOfTheHostArchitecture() {
        HostCapabilities.Guest guest = HostCapabilities.fromXml(KVM_HOST).preferredGuest();

        assertThat(guest.arch()).isEqualTo("x86_64");
        assertThat(guest.osType()).isEqualTo("hvm");
        assertThat(guest.domainTypes()).containsExactly("qemu", "kvm");
    }

    @Test
    void fallsBackToAnotherHvmGuestWhenTheHostArchitectureIsNotOffered() {
        HostCapabilities capabilities = HostCapabilities.fromXml("""
                <capabilities>
                  <host><cpu><arch>aarch64</arch></cpu></host>
                  <guest>
                    <os_type>hvm</os_type>
                    <arch name='x86_64'><domain type='qemu'/></arch>
                  </guest>
                </capabilities>
                """);

        assertThat(capabilities.preferredGuest().arch()).isEqualTo("x86_64");
    }

    @Test
    void skipsParavirtualAndTypelessGuests() {
        HostCapabilities capabilities = HostCapabilities.fromXml("""
                <capabilities>
                  <host><cpu><arch>x86_64</arch></cpu></host>
                  <guest>
                    <os_type>xen</os_type>
                    <arch name='x86_64'><domain type='xen'/></arch>
                  </guest>
                  <guest>
                    <os_type>hvm</os_type>
                    <arch name='x86_64'/>
                  </guest>
                  <guest>
                    <os_type>hvm</os_type>
                    <arch name='i686'><domain type='qemu'/></arch>
                  </guest>
                </capabilities>
                """);

        assertThat(capabilities.preferredGuest())
                .isEqualTo(new HostCapabilities.Guest("hvm", "i686", List.of("qemu")));
    }

    @Test
    void aHostWithoutHvmGuestHasNoPreferredGuest() {
        HostCapabilities containersOnly = HostCapabilities.fromXml("""
                <capabilities>
                  <host><cpu><arch>x86_64</arch></cpu></host>
                  <guest>
                    <os_type>exe</os_type>
                    <arch name='x86_64'><domain type='lxc'/></arch>
                  </guest>
                </capabilities>
                """);

        assertThatIllegalStateException()
                .isThrownBy(containersOnly::preferredGuest)
                .withMessageContaining("hvm");
    }

    @Test
    void aHostWithoutGuestsHasNoPreferredGuest() {
        HostCapabilities none = HostCapabilities.fromXml("<capabilities><host/></capabilities>");

        assertThat(none.hostArch()).isNull();
        assertThat(none.guests()).isEmpty();
        assertThatIllegalStateException().isThrownBy(none::preferredGuest);
    }
}
