package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.persistence.template.TemplateDisk;
import dev.vireo.persistence.template.TemplateSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The VM a spec (Nano's guest) describes, in a compute pool with and without a network. */
class GuestSpecsTest {

    private static final GuestSpec SPEC = new GuestSpec(2, 64, List.of(16L, 8L), false, null, null, null, null, null);

    @Test
    void aGuestOfAPoolWithANetworkHasOneNicThereWhichKeepsItAfterThePoolsShares() {
        TemplateSettings settings = GuestSpecs.settings(SPEC, "cellstore", "cellnet");

        assertThat(settings.networks()).containsExactly("cellnet");
        assertThat(settings.disks()).extracting(TemplateDisk::pool).containsExactly("cellstore", "cellstore");
        assertThat(ComputePoolShares.apply(settings, "cellstore", "cellnet", false).networks()).containsExactly("cellnet");
    }

    @Test
    void aGuestOfAPoolWithoutANetworkHasNoNic() {
        TemplateSettings settings = GuestSpecs.settings(SPEC, "default-pool", null);

        assertThat(settings.networks()).isEmpty();
        assertThat(ComputePoolShares.apply(settings, null, null, false).networks()).isEmpty();
    }
}
