package dev.vireo.e2e;

import com.sun.net.httpserver.HttpServer;
import dev.vireo.TestAccounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the volume transfer tests do as a client would: files with known content, chunked uploads
 * as a browser's FormData sends them, downloads straight to a file, a web server to download
 * from, and a look at the server's heap.
 */
final class Transfers {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private Transfers() {
    }

    /** A file of {@code mib} MiB of pseudo-random bytes (incompressible, reproducible). */
    static Path randomFile(Path directory, String name, int mib) throws IOException {
        Path file = directory.resolve(name);
        Random random = new Random(mib);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mib; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        return file;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * PUTs {@code file} to {@code volumeUrl} in chunks of {@code chunkSize} bytes, each as
     * multipart fields chunk_size then chunk; fails on the first answer other than 200.
     */
    static void uploadInChunks(String volumeUrl, Path file, int chunkSize) throws IOException, InterruptedException {
        long size = Files.size(file);
        byte[] buffer = new byte[chunkSize];
        try (InputStream in = Files.newInputStream(file)) {
            for (long offset = 0; offset < size; ) {
                int length = in.readNBytes(buffer, 0, (int) Math.min(chunkSize, size - offset));
                HttpResponse<String> answer = putChunk(volumeUrl, String.valueOf(length), buffer, length);
                if (answer.statusCode() != 200) {
                    throw new AssertionError("chunk at " + offset + ": " + answer.statusCode() + " " + answer.body());
                }
                offset += length;
            }
        }
    }

    static HttpResponse<String> putChunk(String volumeUrl, String chunkSize, byte[] data, int length)
            throws IOException, InterruptedException {
        String boundary = "----vireo" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"chunk_size\"\r\n\r\n" + chunkSize
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"chunk\"; filename=\"blob\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpRequest request = HttpRequest.newBuilder(URI.create(volumeUrl))
                .header("Authorization", TestAccounts.adminAuthorization())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, java.util.Arrays.copyOf(data, length), tail)))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code url} into {@code target}. */
    static HttpResponse<Path> download(String url, Path target) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/octet-stream")
                        .header("Authorization", TestAccounts.adminAuthorization()).build(),
                HttpResponse.BodyHandlers.ofFile(target));
    }

    /** A web server on a free port of this machine answering {@code /NAME} with the file's bytes. */
    static HttpServer serve(Path file) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/" + file.getFileName(), exchange -> {
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream body = exchange.getResponseBody()) {
                Files.copy(file, body);
            }
        });
        server.start();
        return server;
    }

    static String urlOf(HttpServer server, Path file) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + file.getFileName();
    }

    /**
     * An ISO 9660 image as far as Vireo and libvirt look: 18 sectors of system area and descriptors
     * (primary with {@code label}, an El Torito boot record when {@code bootable}, terminator).
     */
    static byte[] isoImage(String label, boolean bootable) {
        byte[] image = new byte[20 * 2048];
        int sector = 16;
        descriptor(image, sector++, 1);
        byte[] padded = String.format("%-32s", label).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(padded, 0, image, 16 * 2048 + 40, 32);
        if (bootable) {
            int at = descriptor(image, sector++, 0);
            byte[] elTorito = "EL TORITO SPECIFICATION".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(elTorito, 0, image, at + 7, elTorito.length);
        }
        descriptor(image, sector, 255);
        return image;
    }

    private static int descriptor(byte[] image, int sector, int type) {
        int at = sector * 2048;
        image[at] = (byte) type;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, image, at + 1, 5);
        image[at + 6] = 1;
        return at;
    }

    /** The Java process serving Vireo from {@code serverDir}. */
    static ProcessHandle server(Path serverDir) {
        String home = serverDir.toAbsolutePath().normalize().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules") && c.contains(home)).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no WildFly process for " + home));
    }

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    /** The used heap of a JVM in MiB (jcmd GC.heap_info), after a full collection when {@code collect}. */
    static long heapUsedMib(ProcessHandle jvm, boolean collect) {
        String pid = String.valueOf(jvm.pid());
        if (collect) {
            RealHypervisor.run("jcmd", pid, "GC.run");
        }
        RealHypervisor.Result info = RealHypervisor.run("jcmd", pid, "GC.heap_info");
        Matcher used = USED.matcher(info.output());
        if (info.exitCode() != 0 || !used.find()) {
            throw new AssertionError("jcmd GC.heap_info: " + info.output());
        }
        return Long.parseLong(used.group(1)) / 1024;
    }

    static double mibPerSecond(long bytes, long nanos) {
        return bytes / (1024.0 * 1024.0) / (nanos / 1e9);
    }
}
