package dev.vireo.distro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistroLabelsTest {

    @ParameterizedTest(name = "{0} is {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "Fedora-S-dvd-x86_64-40            | fedora    | 40",
            "Fedora-WS-Live-39-1-5             | fedora    | 39",
            "Ubuntu-Server 24.04 LTS amd64     | ubuntu    | 24.04",
            "Ubuntu 22.04.4 LTS amd64          | ubuntu    | 22.04",
            "Debian 12.5.0 amd64 n             | debian    | 12",
            "CentOS-Stream-9-BaseOS-x86_64     | centos    | 9",
            "CentOS 7 x86_64                   | centos    | 7",
            "RHEL-9-4-0-BaseOS-x86_64          | rhel      | 9.4",
            "Rocky-9-4-x86_64-dvd              | rocky     | 9.4",
            "AlmaLinux-9-4-x86_64-dvd          | almalinux | 9.4",
            "openSUSE-Leap-15.6-DVD-x86_64     | opensuse  | 15.6",
            "SLE-15-SP5-Full-x86_64            | sles      | 15.5",
            "ARCH_202405                       | archlinux | 2024.05",
            "CCCOMA_X64FRE_EN-US_DV9           | windows   | unknown",
            "BACKUP_2024                       | unknown   | unknown",
            "fedora-like-but-not               | unknown   | unknown"})
    void recognisesALabel(String label, String distro, String version) {
        assertThat(DistroLabels.recognise(label)).isEqualTo(new Distro(distro, version));
    }

    @org.junit.jupiter.api.Test
    void noLabelIsUnknown() {
        assertThat(DistroLabels.recognise(null)).isEqualTo(Distro.UNKNOWN);
    }
}
