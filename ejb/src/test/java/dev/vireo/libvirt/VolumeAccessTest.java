package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whether QEMU's user may use a volume's file: its identity from the capabilities, the file's permissions. */
class VolumeAccessTest {

    private static final String DEBIAN_KVM_HOST = """
            <capabilities><host><cpu><arch>x86_64</arch></cpu>
              <secmodel><model>apparmor</model><doi>0</doi></secmodel>
              <secmodel><model>dac</model><doi>0</doi>
                <baselabel type='kvm'>+64055:+994</baselabel><baselabel type='qemu'>+64055:+994</baselabel>
              </secmodel></host></capabilities>""";

    @Test
    void qemuRunsAsTheDacBaseLabel() {
        assertThat(QemuIdentity.fromCapabilities(DEBIAN_KVM_HOST)).contains(new QemuIdentity(64055, 994));
    }

    @Test
    void aHostWithoutDacModelNamesNoIdentity() {
        assertThat(QemuIdentity.fromCapabilities("<capabilities><host/></capabilities>")).isEmpty();
    }

    @Test
    void theOwnersGroupsOrOthersBitsDecide() {
        FilePermissions ownedByQemu = new FilePermissions(64055, 0, 0600);
        assertThat(ownedByQemu.allows(64055, 994, true)).isTrue();
        assertThat(new FilePermissions(0, 994, 0640).allows(64055, 994, false)).isTrue();
        assertThat(new FilePermissions(0, 994, 0640).allows(64055, 994, true)).isFalse();
        assertThat(new FilePermissions(0, 0, 0644).allows(64055, 994, false)).isTrue();
        assertThat(new FilePermissions(0, 0, 0600).allows(64055, 994, false)).isFalse();
        assertThat(new FilePermissions(1000, 1000, 0600).allows(0, 0, true)).as("root").isTrue();
    }

    @Test
    void readsPermissionsFromVolumeXml() {
        var target = Xml.parse("<permissions><mode>0644</mode><owner>107</owner><group>107</group></permissions>")
                .getDocumentElement();
        assertThat(VolumeOperations.permissions(target)).isEqualTo(new FilePermissions(107, 107, 0644));
        assertThat(VolumeOperations.permissions(null)).isNull();
    }
}
