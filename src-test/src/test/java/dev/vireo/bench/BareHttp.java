package dev.vireo.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The transport's ceiling for the image figures: an HTTP/1.1 server on loopback that does no
 * work at all. A PUT's body is read into one direct buffer and dropped; a GET is answered with
 * the whole of one file by sendfile ({@link FileChannel#transferTo}), as Vireo answers a download.
 * What the bench client reaches against it is what any server could reach on this machine.
 */
final class BareHttp implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Path file;

    BareHttp(Path file) throws IOException {
        this.file = file;
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon("bare-http", this::accept);
    }

    String base() throws IOException {
        return "http://localhost:" + ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel connection = server.accept();
                daemon("bare-http-connection", () -> serve(connection));
            }
        } catch (IOException closed) {
            // the bench is done with it
        }
    }

    /** Requests one after another on one connection (the client keeps it alive). */
    private void serve(SocketChannel connection) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (connection) {
            buffer.limit(0);
            while (true) {
                String head = head(connection, buffer);
                if (head == null) {
                    return;
                }
                if (head.startsWith("GET ")) {
                    try (FileChannel content = FileChannel.open(file, StandardOpenOption.READ)) {
                        long size = content.size();
                        write(connection, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                                + size + "\r\n\r\n");
                        for (long sent = 0; sent < size; ) {
                            sent += content.transferTo(sent, size - sent, connection);
                        }
                    }
                } else {
                    long left = contentLength(head);
                    long buffered = Math.min(left, buffer.remaining());
                    buffer.position(buffer.position() + (int) buffered);
                    left -= buffered;
                    while (left > 0) {
                        buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                        int read = connection.read(buffer);
                        if (read < 0) {
                            return;
                        }
                        left -= read;
                    }
                    buffer.limit(0);
                    write(connection, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
                }
            }
        } catch (IOException gone) {
            // the client closed the connection
        }
    }

    /** The request line and headers, up to the blank line; the rest stays in {@code buffer}; null at the end. */
    private static String head(SocketChannel connection, ByteBuffer buffer) throws IOException {
        StringBuilder head = new StringBuilder();
        while (true) {
            while (buffer.hasRemaining()) {
                head.append((char) (buffer.get() & 0xff));
                if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                    return head.toString();
                }
            }
            buffer.clear();
            if (connection.read(buffer) < 0) {
                return null;
            }
            buffer.flip();
        }
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return 0;
    }

    private static void write(SocketChannel connection, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        while (bytes.hasRemaining()) {
            connection.write(bytes);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
