package dev.vireo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.VireoException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartFormTest {

    private static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

    @Test
    void readsFieldsAndBinaryContentInOrder() throws IOException {
        byte[] data = randomBytes(300_000, 1);
        MultipartForm form = new MultipartForm(body(data), BOUNDARY);

        MultipartForm.Part size = form.next();
        assertThat(size.name()).isEqualTo("chunk_size");
        assertThat(size.text(32)).isEqualTo("300000");
        MultipartForm.Part chunk = form.next();
        assertThat(chunk.name()).isEqualTo("chunk");
        assertThat(chunk.content().readAllBytes()).isEqualTo(data);
        assertThat(form.next()).isNull();
        assertThat(form.next()).isNull();
    }

    @Test
    void findsTheBoundaryWhenTheBodyArrivesAByteAtATime() throws IOException {
        byte[] data = ("almost a boundary:\r\n--" + BOUNDARY.substring(0, 20) + " and CR LF \r\n inside").getBytes(StandardCharsets.UTF_8);
        MultipartForm form = new MultipartForm(trickle(body(data)), BOUNDARY);

        form.next();
        MultipartForm.Part chunk = form.next();
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        byte[] small = new byte[3];
        for (int n; (n = chunk.content().read(small)) > 0; ) {
            copy.write(small, 0, n);
        }
        assertThat(copy.toByteArray()).isEqualTo(data);
        assertThat(form.next()).isNull();
    }

    @Test
    void skipsUnreadContentAndThePreamble() throws IOException {
        byte[] data = randomBytes(200_000, 2);
        byte[] body = ("preamble\r\n" + new String(body(data).readAllBytes(), StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        MultipartForm form = new MultipartForm(new ByteArrayInputStream(body), BOUNDARY);

        assertThat(form.next().name()).isEqualTo("chunk_size");
        assertThat(form.next().name()).isEqualTo("chunk");
        assertThat(form.next()).isNull();
    }

    @Test
    void anEmptyPartHasNoBytes() throws IOException {
        MultipartForm form = new MultipartForm(body(new byte[0]), BOUNDARY);
        form.next();
        assertThat(form.next().content().readAllBytes()).isEmpty();
    }

    @Test
    void refusesABodyCutShortInsideAPart() throws IOException {
        byte[] whole = body(randomBytes(1000, 3)).readAllBytes();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 60);
        MultipartForm form = new MultipartForm(new ByteArrayInputStream(cut), BOUNDARY);
        form.next();
        InputStream chunk = form.next().content();

        assertThatThrownBy(chunk::readAllBytes).isInstanceOf(EOFException.class);
    }

    @Test
    void refusesAMissingBoundaryAndAPartWithoutName() {
        assertThatThrownBy(() -> new MultipartForm(new ByteArrayInputStream(new byte[0]), null))
                .isInstanceOf(VireoException.class).hasMessageContaining("boundary");
        byte[] nameless = ("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new MultipartForm(new ByteArrayInputStream(nameless), "b").next())
                .isInstanceOf(VireoException.class).hasMessageContaining("without a name");
    }

    @Test
    void aLongFieldIsRefused() throws IOException {
        MultipartForm form = new MultipartForm(body(new byte[12345]), BOUNDARY);
        MultipartForm.Part size = form.next();
        assertThatThrownBy(() -> size.text(3)).isInstanceOf(VireoException.class);
    }

    /** A body as browsers send it: chunk_size, then chunk as a file (quoted names, a filename, a content type). */
    private static InputStream body(byte[] data) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"chunk_size\"\r\n\r\n" + data.length
                + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"chunk\"; filename=\"blob\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(data);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new ByteArrayInputStream(body.toByteArray());
    }

    private static InputStream trickle(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        // plant line breaks and boundary-like runs in the data
        for (int i = 0; i + 4 < length; i += 997) {
            bytes[i] = '\r';
            bytes[i + 1] = '\n';
            bytes[i + 2] = '-';
            bytes[i + 3] = '-';
        }
        return bytes;
    }
}
