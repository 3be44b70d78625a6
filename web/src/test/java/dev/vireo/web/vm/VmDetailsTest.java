package dev.vireo.web.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VmDetailsTest {

    @Test
    void aTicketBecomesASafeJavaScriptString() {
        assertThat(VmDetails.js("aB3-x_.9")).isEqualTo("'aB3-x_.9'");
        assertThat(VmDetails.js("a'b</script>")).isEqualTo("'a\\u0027b\\u003c\\u002fscript\\u003e'");
    }

    @Test
    void actionsFitTheStatesLibvirtAllows() {
        assertThat(VmPage.fits("start", "shutoff")).isTrue();
        assertThat(VmPage.fits("start", "running")).isFalse();
        assertThat(VmPage.fits("resume", "paused")).isTrue();
        assertThat(VmPage.fits("poweroff", "shutoff")).isFalse();
    }
}
