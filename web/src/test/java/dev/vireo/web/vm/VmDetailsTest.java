package dev.vireo.web.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VmDetailsTest {

    @Test
    void actionsFitTheStatesLibvirtAllows() {
        assertThat(VmPage.fits("start", "shutoff")).isTrue();
        assertThat(VmPage.fits("start", "running")).isFalse();
        assertThat(VmPage.fits("resume", "paused")).isTrue();
        assertThat(VmPage.fits("poweroff", "shutoff")).isFalse();
    }
}
