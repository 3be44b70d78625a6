package dev.vireo.web.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.template.TemplateRequest;
import dev.vireo.vm.VmUpdateRequest;
import dev.vireo.vm.VmView;
import java.util.List;
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

    private static final VmView VM = new VmView("web1", "u-1", "shutoff", null, new VmView.Memory(512, 1024),
            new VmView.CpuInfo(2, 4, new VmView.Topology(1, 2, 2)), new VmView.Graphics("vnc", "127.0.0.1", null, null),
            List.of("alice"), List.of(), List.of("hd"), false, "Web", "", false, true, null, null, "local", null);

    @Test
    void anUntouchedFormChangesNothing() {
        assertThat(VmDetails.changes(VM, VmDetails.Form.of(VM)))
                .isEqualTo(new VmUpdateRequest(null, null, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void aNewTopologyIsSentWithTheVcpus() {
        VmDetails.Form form = VmDetails.Form.of(VM);
        form.sockets = 2;
        form.cores = 1;
        VmUpdateRequest change = VmDetails.changes(VM, form);
        assertThat(change.cpuInfo()).isEqualTo(new TemplateRequest.CpuInfo(2, 4, new TemplateRequest.Topology(2, 1, 2)));
        assertThat(change.memory()).isNull();
    }

    @Test
    void aConsolePasswordIsSentWithItsLifetimeAndTheDisplayTypeOnlyWhenChanged() {
        VmDetails.Form form = VmDetails.Form.of(VM);
        form.consolePassword = "s3cret";
        form.consolePasswordSeconds = 600;
        assertThat(VmDetails.changes(VM, form).graphics()).isEqualTo(new VmUpdateRequest.Graphics(null, "s3cret", 600));
        form.consolePassword = "";
        form.graphicsType = "spice";
        assertThat(VmDetails.changes(VM, form).graphics()).isEqualTo(new VmUpdateRequest.Graphics("spice", null, null));
    }
}
