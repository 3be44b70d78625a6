package dev.vireo.bench;

import dev.vireo.TestAccounts;
import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * An image of 1 GiB uploaded in 8 MiB chunks (Content-Range, SHA-256 checked at the end) and
 * downloaded again, each against {@code cp} of the same file in the same run: throughput in MB/s,
 * ratio to cp (goal ≥ 0.8). The server stores it on this machine, as cp does. Beside it, the
 * transport's ceiling: the same client and transfers against a server that does no work
 * ({@link BareHttp}), and Vireo's ratio to it.
 */
final class ImageTransferBench {

    private static final long SIZE = 1L << 30;
    private static final int CHUNK = 8 << 20;

    private final HttpClient http;
    private final String base;
    private final Path work;
    private final List<Figure> figures;
    private final List<String> notes;
    private final LongSupplier serverCpuNanos;

    ImageTransferBench(HttpClient http, String base, Path work, List<Figure> figures, List<String> notes,
                       LongSupplier serverCpuNanos) {
        this.http = http;
        this.serverCpuNanos = serverCpuNanos;
        this.base = base;
        this.work = work;
        this.figures = figures;
        this.notes = notes;
    }

    void measure() throws Exception {
        Path file = work.resolve("bench-image.raw");
        Path copy = work.resolve("bench-image.cp");
        Path downloaded = work.resolve("bench-image.download");
        try {
            String checksum = write(file);
            run("sync");
            double cp = seconds(() -> run("cp", file.toString(), copy.toString()));
            Files.delete(copy);
            String id = Json.createReader(new StringReader(send(authorized(URI.create(base + "/api/images"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"kind\": \"disk\", \"name\": \"bench-image\", \"checksum\": \""
                            + checksum + "\"}")), 201))).readObject().getString("id");
            double bareUpload;
            double bareDownload;
            double upload;
            double download;
            double uploadCpu;
            double downloadCpu;
            // each of Vireo's transfers between two of the same against the bare server, in the same minutes: the
            // ceiling is the faster of those two (the first also warms the client up). Each step starts with nothing
            // left to write back to the disk, which would slow down whichever came next.
            try (BareHttp bare = new BareHttp(file)) {
                Work toSink = () -> upload(bare.base() + "/sink", file);
                Work fromSource = () -> download(bare.base() + "/source", downloaded);
                bareUpload = synced(toSink);
                long cpu = serverCpuNanos.getAsLong();
                upload = synced(() -> upload(base + "/api/images/" + id + "/content", file));
                uploadCpu = (serverCpuNanos.getAsLong() - cpu) / 1e9;
                bareUpload = Math.min(bareUpload, synced(toSink));
                bareDownload = synced(fromSource);
                Files.delete(downloaded);
                cpu = serverCpuNanos.getAsLong();
                download = synced(() -> download(base + "/api/images/" + id + "/content", downloaded));
                downloadCpu = (serverCpuNanos.getAsLong() - cpu) / 1e9;
                Files.delete(downloaded);
                bareDownload = Math.min(bareDownload, synced(fromSource));
            }
            double mb = SIZE / 1e6;
            figures.add(new Figure("image upload, 1 GiB in 8 MiB chunks (SHA-256 checked)", mb / upload, "MB/s", mb / cp,
                    "cp of the same file, MB/s; goal ratio ≥ 0.8"));
            figures.add(new Figure("image download, 1 GiB", mb / download, "MB/s", mb / cp,
                    "cp of the same file, MB/s; goal ratio ≥ 0.8"));
            figures.add(new Figure("transport ceiling: upload to a bare sink", mb / bareUpload, "MB/s", mb / cp,
                    "cp of the same file, MB/s"));
            figures.add(new Figure("transport ceiling: download from a bare source", mb / bareDownload, "MB/s", mb / cp,
                    "cp of the same file, MB/s"));
            figures.add(new Figure("image upload against the transport ceiling", mb / upload, "MB/s", mb / bareUpload,
                    "the same client uploading to a bare sink (the faster of one before, one after), MB/s"));
            figures.add(new Figure("image download against the transport ceiling", mb / download, "MB/s",
                    mb / bareDownload, "the same client downloading from a bare source (sendfile; the faster of two), MB/s"));
            figures.add(new Figure("image upload, server CPU (all threads)", uploadCpu, "s", null, null));
            figures.add(new Figure("image download, server CPU (all threads)", downloadCpu, "s", null, null));
            notes.add(String.format(Locale.ROOT, "image transfer: cp %.2f s, upload %.2f s (bare sink %.2f s),"
                    + " download %.2f s (bare source %.2f s) for %d bytes", cp, upload, bareUpload, download, bareDownload,
                    SIZE));
            send(authorized(URI.create(base + "/api/images/" + id)).DELETE(), 204);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(copy);
            Files.deleteIfExists(downloaded);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** The seconds {@code work} takes, once the disk has nothing left to write back. */
    private static double synced(Work work) throws Exception {
        run("sync");
        return seconds(work);
    }

    private static double seconds(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** 1 GiB of random bytes; its SHA-256. */
    private static String write(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(15);
        byte[] block = new byte[CHUNK];
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            for (long written = 0; written < SIZE; written += block.length) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The file PUT to {@code url} in chunks of 8 MiB, each with its Content-Range. */
    private void upload(String url, Path file) throws Exception {
        byte[] chunk = new byte[CHUNK];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            for (long first = 0; first < SIZE; first += CHUNK) {
                in.readFully(chunk);
                send(authorized(URI.create(url))
                        .header("Content-Type", "application/octet-stream")
                        .header("Content-Range", "bytes " + first + "-" + (first + CHUNK - 1) + "/" + SIZE)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(chunk)), 200);
            }
        }
    }

    /** All of {@code url} into {@code target}. */
    private void download(String url, Path target) throws Exception {
        HttpResponse<Path> answer = http.send(authorized(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofFile(target));
        if (answer.statusCode() != 200 || Files.size(target) != SIZE) {
            throw new IllegalStateException("GET " + url + " answered " + answer.statusCode());
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
        try (InputStream ignored = process.getInputStream()) {
            // closed
        }
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", TestAccounts.adminAuthorization());
    }

    private String send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.build().method() + " " + request.build().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
