package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainNic;
import java.util.List;
import org.junit.jupiter.api.Test;

class VmNicMacTest {

    @Test
    void aChosenMacIsTakenInLowerCase() {
        assertThat(VmNicService.chosenMac("52:54:00:AB:cd:01", List.of())).isEqualTo("52:54:00:ab:cd:01");
    }

    @Test
    void aMalformedMulticastOrTakenMacIsRefusedWithTheFieldFirst() {
        assertThatThrownBy(() -> VmNicService.chosenMac("52:54:00:zz:00:01", List.of())).isInstanceOf(VireoException.class)
                .hasMessageContaining("mac '52:54:00:zz:00:01' is not a MAC address");
        assertThatThrownBy(() -> VmNicService.chosenMac("01:00:5e:00:00:01", List.of())).isInstanceOf(VireoException.class)
                .hasMessageContaining("mac 01:00:5e:00:00:01 is a multicast address");
        List<DomainNic> existing = List.of(new DomainNic("52:54:00:00:00:01", "network", "default", null, "virtio", List.of()));
        assertThatThrownBy(() -> VmNicService.chosenMac("52:54:00:00:00:01", existing)).isInstanceOf(VireoException.class)
                .hasMessageContaining("already an interface");
    }
}
