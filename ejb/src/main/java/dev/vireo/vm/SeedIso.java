package dev.vireo.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes the ISO 9660 image of a {@link CloudInitSeed} (label {@code cidata}, Joliet and Rock Ridge
 * names) with Debian's {@code xorriso}, which {@code ./vireo} installs: the files go to a private
 * temporary directory, the image is read back as bytes (a seed is a few KiB).
 */
public final class SeedIso {

    static final String TOOL = "xorriso";
    private static final long TIMEOUT_SECONDS = 60;

    private SeedIso() {
    }

    public static byte[] of(CloudInitSeed seed) throws IOException {
        Path work = Files.createTempDirectory("vireo-seed-");
        try {
            Path files = Files.createDirectory(work.resolve("files"));
            Files.writeString(files.resolve(CloudInitSeed.META_DATA), seed.metaData(), StandardCharsets.UTF_8);
            Files.writeString(files.resolve(CloudInitSeed.USER_DATA), seed.userData(), StandardCharsets.UTF_8);
            Path iso = work.resolve("seed.iso");
            run(List.of(TOOL, "-as", "mkisofs", "-quiet", "-volid", CloudInitSeed.LABEL, "-joliet", "-rock",
                    "-output", iso.toString(), files.toString()), work.resolve("tool.log"));
            return Files.readAllBytes(iso);
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(TOOL + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(TOOL + " was interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(TOOL + " failed (" + process.exitValue() + "): " + Files.readString(log).strip());
        }
    }
}
