package dev.vireo.e2e;

import static dev.vireo.e2e.RealHypervisor.virsh;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Things an end-to-end test sets up on the real host with virsh and qemu-img (never through
 * Vireo), and removes afterwards.
 */
public final class HostFixtures implements AutoCloseable {

    private final Path workdir;
    private final List<String> pools = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();
    private final List<Path> directories = new ArrayList<>();

    public HostFixtures(Path workdir) {
        this.workdir = workdir;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * The first three octets (with the dot) of a random /24 in 198.19.0.0/16: benchmark space
     * (RFC 2544) that no real network here uses and nothing routes out. Random, because Vireo refuses
     * a subnet overlapping an address of this machine, which another run's active network may hold.
     */
    public static String benchmarkNet() {
        return "198.19." + java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255) + ".";
    }

    /** A dir pool in a fresh directory; active unless told otherwise. */
    public Path dirPool(String name, boolean active) throws IOException {
        Path directory = Files.createDirectories(workdir.resolve("pools").resolve(name));
        directories.add(directory);
        virsh("pool-define-as", name, "dir", "--target", directory.toString());
        pools.add(name);
        if (active) {
            virsh("pool-start", name);
        }
        return directory;
    }

    /** A scratch directory under the work directory, removed with everything in it on close. */
    Path directory(String name) throws IOException {
        Path directory = Files.createDirectories(workdir.resolve(name));
        directories.add(directory);
        return directory;
    }

    /** A qcow2 image made with qemu-img in an active pool, which is then refreshed. */
    Path image(String pool, Path directory, String name, String size) {
        Path image = directory.resolve(name);
        check(RealHypervisor.run("qemu-img", "create", "-q", "-f", "qcow2", image.toString(), size));
        virsh("pool-refresh", pool);
        return image;
    }

    /**
     * A minimal ISO 9660 image (system area, primary volume descriptor with {@code label},
     * terminator) in an active pool, which is then refreshed: enough for libvirt to see an ISO and
     * for Vireo to read its label.
     */
    public Path iso(String pool, Path directory, String name, String label) throws IOException {
        Path iso = isoFile(directory.resolve(name), label);
        virsh("pool-refresh", pool);
        return iso;
    }

    /** The same minimal ISO 9660 image as {@link #iso}, written to {@code file} (its directories made), in no pool. */
    static Path isoFile(Path file, String label) throws IOException {
        byte[] image = new byte[18 * 2048];
        int primary = 16 * 2048;
        image[primary] = 1;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, image, primary + 1, 5);
        image[primary + 6] = 1;
        byte[] padded = String.format("%-32s", label).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(padded, 0, image, primary + 40, 32);
        int terminator = 17 * 2048;
        image[terminator] = (byte) 255;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, image, terminator + 1, 5);
        image[terminator + 6] = 1;
        Files.createDirectories(file.getParent());
        return Files.write(file, image);
    }

    /** An isolated network without addresses: defining it needs no dnsmasq or firewall. */
    public String isolatedNetwork(String name) throws IOException {
        Path definition = workdir.resolve(name + ".xml");
        Files.writeString(definition, "<network><name>" + name + "</name></network>");
        virsh("net-define", definition.toString());
        Files.delete(definition);
        networks.add(name);
        return name;
    }

    /** Starts a defined network: a bridge of its own, no addresses, no route off this machine. */
    public void startNetwork(String name) {
        virsh("net-start", name);
    }

    void removeNetwork(String name) {
        if (virsh("net-info", name).matches("(?s).*Active:\\s+yes.*")) {
            virsh("net-destroy", name);
        }
        virsh("net-undefine", name);
        networks.remove(name);
    }

    void removePool(String name) {
        if (virsh("pool-info", name).matches("(?s).*State:\\s+running.*")) {
            virsh("pool-destroy", name);
        }
        virsh("pool-undefine", name);
        pools.remove(name);
    }

    /** qemu-img's view of an image. */
    static JsonPath imageInfo(Path image) {
        RealHypervisor.Result info = RealHypervisor.run("qemu-img", "info", "-U", "--output=json", image.toString());
        check(info);
        return JsonPath.from(info.output());
    }

    private static void check(RealHypervisor.Result result) {
        if (result.exitCode() != 0) {
            throw new AssertionError(result.output());
        }
    }

    @Override
    public void close() throws IOException {
        for (String pool : List.copyOf(pools)) {
            removePool(pool);
        }
        for (String network : List.copyOf(networks)) {
            removeNetwork(network);
        }
        for (Path directory : directories) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
