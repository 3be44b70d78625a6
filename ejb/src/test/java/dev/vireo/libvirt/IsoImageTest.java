package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IsoImageTest {

    @Test
    void readsTheLabelAndFindsAnElToritoBootRecord() {
        byte[] set = descriptors(primary("Fedora-S-dvd-x86_64-40"), bootRecord(), supplementary(), terminator());

        assertThat(IsoImage.of(set)).isEqualTo(new IsoImage(true, "Fedora-S-dvd-x86_64-40", true));
    }

    @Test
    void anImageWithoutBootRecordIsNotBootable() {
        assertThat(IsoImage.of(descriptors(primary("DATA"), terminator()))).isEqualTo(new IsoImage(true, "DATA", false));
    }

    @Test
    void descriptorsAfterTheTerminatorDoNotCount() {
        assertThat(IsoImage.of(descriptors(primary("DATA"), terminator(), bootRecord())).bootable()).isFalse();
    }

    @Test
    void bytesWithoutPrimaryDescriptorAreNoIso9660Image() {
        assertThat(IsoImage.of(new byte[IsoImage.DESCRIPTORS_LENGTH])).isEqualTo(IsoImage.NOT_ISO_9660);
        assertThat(IsoImage.of(new byte[100])).isEqualTo(IsoImage.NOT_ISO_9660);
    }

    private static byte[] descriptors(byte[]... sectors) {
        byte[] set = new byte[IsoImage.DESCRIPTORS_LENGTH];
        for (int i = 0; i < sectors.length; i++) {
            System.arraycopy(sectors[i], 0, set, i * IsoImage.SECTOR, IsoImage.SECTOR);
        }
        return set;
    }

    private static byte[] sector(int type) {
        byte[] sector = new byte[IsoImage.SECTOR];
        sector[0] = (byte) type;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, sector, 1, 5);
        sector[6] = 1;
        return sector;
    }

    private static byte[] primary(String label) {
        byte[] sector = sector(1);
        byte[] padded = String.format("%-32s", label).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(padded, 0, sector, 40, 32);
        return sector;
    }

    private static byte[] bootRecord() {
        byte[] sector = sector(0);
        byte[] id = "EL TORITO SPECIFICATION".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, sector, 7, id.length);
        return sector;
    }

    private static byte[] supplementary() {
        return sector(2);
    }

    private static byte[] terminator() {
        return sector(255);
    }
}
