package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngImagesTest {

    @Test
    void convertsABinaryPpmToAPngWithTheSamePixels() throws IOException {
        ByteArrayOutputStream ppm = new ByteArrayOutputStream();
        ppm.write("P6\n# made by a test\n2 1\n255\n".getBytes(StandardCharsets.US_ASCII));
        ppm.write(new byte[] {(byte) 255, 0, 0, 0, 0, (byte) 255});

        byte[] png = PngImages.toPng("image/x-portable-pixmap", ppm.toByteArray());

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(2);
        assertThat(image.getHeight()).isEqualTo(1);
        assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(0xff0000);
        assertThat(image.getRGB(1, 0) & 0xffffff).isEqualTo(0x0000ff);
    }

    @Test
    void passesPngThrough() {
        byte[] png = {1, 2, 3};
        assertThat(PngImages.toPng("image/png", png)).isSameAs(png);
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> PngImages.toPng("image/bmp", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PngImages.toPng("image/x-portable-pixmap", "P3\n1 1\n255\n0 0 0".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PngImages.toPng("image/x-portable-pixmap", "P6\n4 4\n255\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
