package dev.vireo.template;

import static dev.vireo.template.InMemoryHostFacts.BASE_QCOW2;
import static dev.vireo.template.InMemoryHostFacts.FEDORA_ISO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.persistence.template.TemplateDisk;
import dev.vireo.persistence.template.TemplateSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a stored template is shown, and what its {@code invalid} field says about the host. */
class TemplateViewTest {

    private static final String POOLS = "/plugins/kimchi/storagepools/";

    private final InMemoryHostFacts host = InMemoryHostFacts.standard();

    @Test
    void showsEverySettingWithPoolUrisAndPoolTypes() {
        TemplateSettings settings = settings(List.of("default", "isolated"), FEDORA_ISO, List.of(
                new TemplateDisk(0, null, "base.qcow2", "qcow2", "default"),
                new TemplateDisk(1, 20, null, "raw", "images")));

        TemplateView view = TemplateView.of("fedora", 3, settings, host);

        assertThat(view).isEqualTo(new TemplateView(
                "fedora",
                List.of("linux"),
                "/images/fedora.png",
                "fedora",
                "40",
                new TemplateView.Memory(1024, 2048),
                FEDORA_ISO,
                POOLS + "default",
                List.of("default", "isolated"),
                List.of(new TemplateView.Disk(0, null, "base.qcow2", "qcow2",
                                new TemplateView.Pool(POOLS + "default", "dir")),
                        new TemplateView.Disk(1, 20, null, "raw", new TemplateView.Pool(POOLS + "images", "dir"))),
                new TemplateView.Graphics("vnc", "127.0.0.1"),
                new TemplateView.CpuInfo(4, 4, new TemplateView.Topology(1, 2, 2)),
                new TemplateView.Invalid(List.of(), List.of(), List.of(), List.of()),
                3));
    }

    @Test
    void storagepoolIsThePoolOfTheFirstDisk() {
        TemplateView view = TemplateView.of("t", 0, settings(List.of("default"), null, List.of(
                new TemplateDisk(0, 10, null, "qcow2", "images"),
                new TemplateDisk(1, 10, null, "qcow2", "default"))), host);

        assertThat(view.storagepool()).isEqualTo("/plugins/kimchi/storagepools/images");
    }

    @Test
    void invalidIsEmptyWhenTheHostHasEverything() {
        TemplateView view = TemplateView.of("t", 0, settings(List.of("default"), FEDORA_ISO, List.of(
                new TemplateDisk(0, null, "base.qcow2", "qcow2", "default"))), host);

        assertThat(view.invalid()).isEqualTo(new TemplateView.Invalid(List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void invalidListsAVanishedNetwork() {
        TemplateView view = TemplateView.of("t", 0, settings(List.of("default", "gone"), null, oneDisk()), host);

        assertThat(view.invalid()).isEqualTo(new TemplateView.Invalid(List.of("gone"), List.of(), List.of(), List.of()));
        assertThat(view.networks()).containsExactly("default", "gone");
    }

    @Test
    void invalidListsACdromPathWithoutVolume() {
        String vanished = "/var/lib/libvirt/images/old.iso";

        TemplateView view = TemplateView.of("t", 0, settings(List.of("default"), vanished, oneDisk()), host);

        assertThat(view.invalid()).isEqualTo(new TemplateView.Invalid(List.of(), List.of(vanished), List.of(), List.of()));
        assertThat(view.cdrom()).isEqualTo(vanished);
    }

    @Test
    void invalidNeverListsAUrlCdrom() {
        String url = "https://example.com/isos/fedora.iso";

        TemplateView view = TemplateView.of("t", 0, settings(List.of("default"), url, oneDisk()), host);

        assertThat(view.invalid().cdrom()).isEmpty();
        assertThat(view.cdrom()).isEqualTo(url);
    }

    @Test
    void invalidListsAMissingPoolOnceWithoutItsVolumes() {
        TemplateView view = TemplateView.of("t", 0, settings(List.of("default"), null, List.of(
                new TemplateDisk(0, 10, null, "qcow2", "vanished"),
                new TemplateDisk(1, null, "data.qcow2", "qcow2", "vanished"))), host);

        assertThat(view.invalid()).isEqualTo(
                new TemplateView.Invalid(List.of(), List.of(), List.of(), List.of("vanished")));
        assertThat(view.storagepool()).isEqualTo("/plugins/kimchi/storagepools/vanished");
        assertThat(view.disks()).extracting(TemplateView.Disk::pool).containsExactly(
                new TemplateView.Pool("/plugins/kimchi/storagepools/vanished", null),
                new TemplateView.Pool("/plugins/kimchi/storagepools/vanished", null));
    }

    @Test
    void invalidListsAMissingVolume() {
        TemplateView view = TemplateView.of("t", 0, settings(List.of("default"), null, List.of(
                new TemplateDisk(0, null, "missing.qcow2", "qcow2", "default"),
                new TemplateDisk(1, null, "base.qcow2", "qcow2", "default"))), host);

        assertThat(view.invalid()).isEqualTo(
                new TemplateView.Invalid(List.of(), List.of(), List.of("missing.qcow2"), List.of()));
    }

    @Test
    void invalidListsEverythingThatIsMissingAtOnce() {
        TemplateView view = TemplateView.of("t", 0, settings(List.of("gone"), "/var/lib/libvirt/images/old.iso",
                List.of(new TemplateDisk(0, null, "missing.qcow2", "qcow2", "default"),
                        new TemplateDisk(1, 10, null, "qcow2", "vanished"))), host);

        assertThat(view.invalid()).isEqualTo(new TemplateView.Invalid(List.of("gone"),
                List.of("/var/lib/libvirt/images/old.iso"), List.of("missing.qcow2"), List.of("vanished")));
    }

    @Test
    void noGraphicsIsShownAsTypeNull() {
        TemplateSettings settings = new TemplateSettings(List.of(), null, "unknown", "unknown", 1024, 1024, null,
                List.of("default"), oneDisk(), null, 1, 1, null);

        TemplateView view = TemplateView.of("t", 0, settings, host);

        assertThat(view.graphics()).isEqualTo(new TemplateView.Graphics(null, null));
        assertThat(view.cpuInfo()).isEqualTo(new TemplateView.CpuInfo(1, 1, null));
    }

    @Test
    void aDiskImageUsedAsSourceIsNotACdrom() {
        TemplateView view = TemplateView.of("t", 0, settings(List.of("default"), BASE_QCOW2, oneDisk()), host);

        // the host holds a volume at that path, so the view does not call it invalid
        assertThat(view.invalid().cdrom()).isEmpty();
    }

    private static List<TemplateDisk> oneDisk() {
        return List.of(new TemplateDisk(0, 10, null, "qcow2", "default"));
    }

    private static TemplateSettings settings(List<String> networks, String cdrom, List<TemplateDisk> disks) {
        return new TemplateSettings(List.of("linux"), "/images/fedora.png", "fedora", "40", 1024, 2048, cdrom,
                networks, disks, new TemplateSettings.Graphics("vnc", "127.0.0.1"), 4, 4,
                new TemplateSettings.Topology(1, 2, 2));
    }
}
