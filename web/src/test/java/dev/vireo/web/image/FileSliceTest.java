package dev.vireo.web.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSliceTest {

    @TempDir
    Path directory;

    /** As Undertow sends a file: from the channel's position to its size, by transferTo to the socket (sendfile). */
    @Test
    void aSliceSentToASocketIsExactlyItsRange() throws Exception {
        byte[] content = content(300_000);
        Path file = Files.write(directory.resolve("image"), content);
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel peer = server.accept();
             FileChannel slice = new FileSlice(FileChannel.open(file, StandardOpenOption.READ), 1000, 251_000)) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(client, 250_000));
            long position = slice.position();
            while (position < slice.size()) {
                position += slice.transferTo(position, slice.size() - position, peer);
            }
            assertThat(received.get()).isEqualTo(Arrays.copyOfRange(content, 1000, 251_000));
        }
    }

    @Test
    void aSliceIsReadUpToItsEndFromItsPosition() throws IOException {
        byte[] content = content(10_000);
        Path file = Files.write(directory.resolve("image"), content);
        try (FileChannel slice = new FileSlice(FileChannel.open(file, StandardOpenOption.READ), 100, 200)) {
            ByteBuffer buffer = ByteBuffer.allocate(16 << 10);
            assertThat(slice.read(buffer)).isEqualTo(100);
            assertThat(slice.position()).isEqualTo(200);
            assertThat(Arrays.copyOf(buffer.array(), buffer.position())).isEqualTo(Arrays.copyOfRange(content, 100, 200));
            assertThat(slice.read(buffer)).isEqualTo(-1);
        }
    }

    /** A transfer of nothing would be retried for ever: a file shorter than the range fails. */
    @Test
    void aFileShorterThanTheSliceFailsTheTransfer() throws IOException {
        Path file = Files.write(directory.resolve("image"), content(1000));
        try (FileChannel slice = new FileSlice(FileChannel.open(file, StandardOpenOption.READ), 0, 5000);
             FileChannel target = FileChannel.open(directory.resolve("copy"), StandardOpenOption.CREATE,
                     StandardOpenOption.WRITE)) {
            assertThat(slice.transferTo(0, 5000, target)).isEqualTo(1000);
            assertThatThrownBy(() -> slice.transferTo(1000, 4000, target))
                    .isInstanceOf(IOException.class).hasMessageContaining("ended at 1000 of 5000");
        }
    }

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + i / 251);
        }
        return bytes;
    }

    private static byte[] readAll(SocketChannel channel, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 << 10);
        try {
            while (out.size() < length) {
                buffer.clear();
                int read = channel.read(buffer);
                if (read < 0) {
                    break;
                }
                out.write(buffer.array(), 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
