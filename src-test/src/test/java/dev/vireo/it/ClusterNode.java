package dev.vireo.it;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * One node of a Vireo cluster as {@code ./vireo run} with {@code VIREO_NODE} starts it: the
 * clustered server (ear/target/server-ha) with a base directory of its own, its node name, its
 * ports ({@value #PORT_STEP} apart per node) and the cluster's database; killed with SIGKILL by
 * the test that wants it dead.
 */
public final class ClusterNode implements AutoCloseable {

    static final int PORT_STEP = 200;
    private static final int HTTP = 8080;
    private static final int MANAGEMENT = 9990;
    private static final int JGROUPS = 7600;

    private final int number;
    private final Path base;
    private final int offset;
    private final Map<String, String> environment;
    private final List<String> options;
    private final ServerProcess process;

    /**
     * @param number      1, 2, …
     * @param ear         what it runs
     * @param environment the database and cluster variables every node gets
     * @param options     further system properties (-D…) every node gets
     */
    public ClusterNode(int number, EnterpriseArchive ear, Map<String, String> environment, List<String> options) throws IOException {
        this.number = number;
        this.base = Path.of(System.getProperty("vireo.it.ha-dir"), "node-" + number);
        this.offset = offset(number);
        this.environment = environment;
        this.options = options;
        this.process = new ServerProcess(name());
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
    public static String member(int number) {
        return "127.0.0.1[" + (JGROUPS + offset(number)) + "]";
    }

    public String name() {
        return "it-node-" + number;
    }

    public String base() {
        return "http://localhost:" + httpPort();
    }

    public int httpPort() {
        return HTTP + offset;
    }

    /** Where the node answers /health and /metrics (the management interface, on loopback). */
    public int managementPort() {
        return MANAGEMENT + offset;
    }

    public RequestSpecification anonymous() {
        return given().baseUri(base());
    }

    /** Starts the node (without waiting for it: see {@link #awaitServing}). */
    public void start() throws IOException {
        Path log = Files.createDirectories(base.resolve("log")).resolve("console.log");
        List<String> arguments = new ArrayList<>(List.of("-Djboss.server.base.dir=" + base,
                "-Djboss.node.name=" + name(),
                "-Djboss.tx.node.id=" + name(),
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Djna.tmpdir=" + base.resolve("tmp/jna")));
        arguments.addAll(options);
        process.start(server(), arguments, environment, log);
    }

    /** Waits until the node answers the API (a signed-in request). */
    public void awaitServing() {
        process.awaitServing(base(), Duration.ofMinutes(6));
    }

    /** The node's server log (its base directory's log/server.log). */
    public Path serverLog() {
        return base.resolve("log/server.log");
    }

    /** SIGKILL to the node's JVM: no shutdown hook, no goodbye to the cluster. */
    public void killDashNine() throws InterruptedException {
        process.killDashNine();
    }

    /** Stops a running node gracefully (SIGTERM). */
    @Override
    public void close() throws InterruptedException {
        process.stop();
    }

    private static Path server() {
        return Path.of(System.getProperty("vireo.it.ha-server"));
    }
}
