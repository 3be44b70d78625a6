package dev.vireo.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * One node of a Vireo cluster as {@code ./vireo run} with {@code VIREO_NODE} starts it: the
 * clustered server (ear/target/server-ha) with a base directory of its own, its node name, its
 * ports ({@value #PORT_STEP} apart per node) and the cluster's database; killed with SIGKILL by
 * the test that wants it dead.
 */
final class ClusterNode implements AutoCloseable {

    static final int PORT_STEP = 200;
    private static final int HTTP = 8080;
    private static final int JGROUPS = 7600;

    private final int number;
    private final Path base;
    private final int offset;
    private final Map<String, String> environment;
    private final List<String> options;
    private Process launcher;

    /**
     * @param number      1, 2, …
     * @param ear         what it runs
     * @param environment the database and cluster variables every node gets
     * @param options     further system properties (-D…) every node gets
     */
    ClusterNode(int number, EnterpriseArchive ear, Map<String, String> environment, List<String> options) throws IOException {
        this.number = number;
        this.base = Path.of(System.getProperty("vireo.it.ha-dir"), "node-" + number);
        this.offset = offset(number);
        this.environment = environment;
        this.options = options;
        Path configuration = Files.createDirectories(base.resolve("configuration"));
        try (Stream<Path> files = Files.list(server().resolve("standalone/configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        ear.as(ZipExporter.class).exportTo(deployments.resolve("vireo.ear").toFile(), true);
    }

    /** The port offset of node {@code number}. */
    static int offset(int number) {
        return Integer.getInteger("vireo.it.ha.port-offset") + PORT_STEP * (number - 1);
    }

    /** Node {@code number}'s JGroups address, as VIREO_CLUSTER_MEMBERS lists it. */
    static String member(int number) {
        return "127.0.0.1[" + (JGROUPS + offset(number)) + "]";
    }

    String name() {
        return "it-node-" + number;
    }

    String base() {
        return "http://localhost:" + (HTTP + offset);
    }

    RequestSpecification anonymous() {
        return given().baseUri(base());
    }

    /** Starts the node (without waiting for it: see {@link #awaitServing}). */
    void start() throws IOException {
        Path log = Files.createDirectories(base.resolve("log")).resolve("console.log");
        List<String> command = new ArrayList<>(List.of(server().resolve("bin/standalone.sh").toString(),
                "--stability=community",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.node.name=" + name(),
                "-Djboss.tx.node.id=" + name(),
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Djna.tmpdir=" + base.resolve("tmp/jna")));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("JDK_JAVA_OPTIONS", "--enable-native-access=ALL-UNNAMED");
        builder.environment().remove("LAUNCH_JBOSS_IN_BACKGROUND");
        launcher = builder.start();
    }

    /** Waits until the node answers the API (a signed-in request). */
    void awaitServing(String authorization) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest tasks = HttpRequest.newBuilder(URI.create(base() + "/api/tasks"))
                .header("Authorization", authorization).timeout(Duration.ofSeconds(10)).build();
        await(name() + " (" + base.resolve("log") + ")").atMost(Duration.ofMinutes(6))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    if (!launcher.isAlive()) {
                        throw new IllegalStateException(name() + " stopped while starting: see " + base.resolve("log"));
                    }
                    try {
                        return http.send(tasks, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /** SIGKILL to the node's JVM: no shutdown hook, no goodbye to the cluster. */
    void killDashNine() throws InterruptedException {
        ProcessHandle jvm = launcher.descendants().filter(ClusterNode::isServer).findFirst()
                .orElseThrow(() -> new IllegalStateException(name() + " has no server JVM"));
        jvm.destroyForcibly();
        jvm.onExit().join();
        if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("standalone.sh did not end with " + name());
        }
    }

    /** Stops a running node gracefully (SIGTERM). */
    @Override
    public void close() throws InterruptedException {
        if (launcher == null || !launcher.isAlive()) {
            return;
        }
        launcher.descendants().filter(ClusterNode::isServer).forEach(ProcessHandle::destroy);
        if (!launcher.waitFor(2, TimeUnit.MINUTES)) {
            launcher.descendants().filter(ClusterNode::isServer).forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private static Path server() {
        return Path.of(System.getProperty("vireo.it.ha-server"));
    }

    private static boolean isServer(ProcessHandle process) {
        return process.info().commandLine().map(line -> line.contains("jboss-modules.jar")).orElse(false);
    }
}
