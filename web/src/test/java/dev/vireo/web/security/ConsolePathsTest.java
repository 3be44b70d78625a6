package dev.vireo.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsolePathsTest {

    @Test
    void theLoginPageAndResourcesArePublic() {
        assertThat(ConsolePaths.of("/console/login.xhtml")).isEqualTo(ConsolePaths.Kind.PUBLIC);
        assertThat(ConsolePaths.of("/jakarta.faces.resource/theme.css.xhtml")).isEqualTo(ConsolePaths.Kind.PUBLIC);
        assertThat(ConsolePaths.of("/console/static/novnc/core/rfb.js")).isEqualTo(ConsolePaths.Kind.PUBLIC);
    }

    @Test
    void otherConsolePagesNeedASessionAndTheRestIsTheApi() {
        assertThat(ConsolePaths.of("/console/")).isEqualTo(ConsolePaths.Kind.PAGE);
        assertThat(ConsolePaths.of("/console/vms.xhtml")).isEqualTo(ConsolePaths.Kind.PAGE);
        assertThat(ConsolePaths.of("/console/vnc/web-1")).isEqualTo(ConsolePaths.Kind.PAGE);
        assertThat(ConsolePaths.of("/console/login.xhtml.evil")).isEqualTo(ConsolePaths.Kind.PAGE);
        assertThat(ConsolePaths.of("/api/vms")).isEqualTo(ConsolePaths.Kind.API);
        assertThat(ConsolePaths.of("/consoles")).isEqualTo(ConsolePaths.Kind.API);
    }
}
