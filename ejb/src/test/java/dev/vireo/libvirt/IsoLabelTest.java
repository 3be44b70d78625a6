package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IsoLabelTest {

    @Test
    void readsTheVolumeIdentifierOfAPrimaryVolumeDescriptor() {
        assertThat(IsoLabel.of(descriptor(1, "CD001", "Fedora-S-dvd-x86_64-40"))).contains("Fedora-S-dvd-x86_64-40");
    }

    @Test
    void refusesOtherDescriptorsAndOtherData() {
        assertThat(IsoLabel.of(descriptor(2, "CD001", "SUPPLEMENTARY"))).isEmpty();
        assertThat(IsoLabel.of(descriptor(1, "NSR02", "UDF"))).isEmpty();
        assertThat(IsoLabel.of(descriptor(1, "CD001", "   "))).isEmpty();
        assertThat(IsoLabel.of(new byte[10])).isEmpty();
    }

    private static byte[] descriptor(int type, String magic, String label) {
        byte[] bytes = new byte[IsoLabel.DESCRIPTOR_LENGTH];
        bytes[0] = (byte) type;
        System.arraycopy(magic.getBytes(StandardCharsets.US_ASCII), 0, bytes, 1, 5);
        byte[] padded = String.format("%-32s", label).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(padded, 0, bytes, 40, 32);
        return bytes;
    }
}
