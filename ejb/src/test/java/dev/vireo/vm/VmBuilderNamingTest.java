package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vireo.error.VireoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How VmBuilder names disk targets and volume files, and how VmService reads a template URI. */
class VmBuilderNamingTest {

    @Test
    void firstVirtioDiskIsVda() {
        assertThat(VmBuilder.target("virtio", 0)).isEqualTo("vda");
    }

    @Test
    void secondVirtioDiskIsVdb() {
        assertThat(VmBuilder.target("virtio", 1)).isEqualTo("vdb");
    }

    @Test
    void thirdIdeSlotIsHdc() {
        assertThat(VmBuilder.target("ide", 2)).isEqualTo("hdc");
    }

    @Test
    void secondScsiDiskIsSdb() {
        assertThat(VmBuilder.target("scsi", 1)).isEqualTo("sdb");
    }

    @Test
    void sataDisksShareTheScsiPrefix() {
        assertThat(VmBuilder.target("sata", 0)).isEqualTo("sda");
    }

    @Test
    void volumesAreNamedAsKimchiNamesThemWhateverTheirFormat() {
        assertThat(VmBuilder.volumeName("3f1c0e5e-7d2a-4c1b-9a51-0c1d2e3f4a5b", 1))
                .isEqualTo("3f1c0e5e-7d2a-4c1b-9a51-0c1d2e3f4a5b-1.img");
    }

    @Test
    void kimchiTemplateUriNamesTheTemplate() {
        assertThat(VmService.templateName("/plugins/kimchi/templates/f40")).isEqualTo("f40");
    }

    @Test
    void apiTemplateUriNamesTheTemplate() {
        assertThat(VmService.templateName("/api/templates/f40")).isEqualTo("f40");
    }

    @ParameterizedTest
    @ValueSource(strings = {"f40", "/api/templates/", "/api/templates/a/b", "/plugins/kimchi/templates/../x"})
    void templateReferenceThatIsNoTemplateUriIsRefused(String uri) {
        VireoException refused = catchThrowableOfType(VireoException.class, () -> VmService.templateName(uri));

        assertThat(refused).as("the template reference is refused").isNotNull();
        assertThat(refused.code()).isEqualTo("VMS0008E");
        assertThat(refused.status()).isEqualTo(400);
    }
}
