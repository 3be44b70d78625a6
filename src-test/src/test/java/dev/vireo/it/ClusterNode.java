package dev.vireo.it;

import static io.restassured.RestAssured.given;

import dev.vireo.TestAccounts;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * One node of a Vireo cluster started by the launcher itself, {@code VIREO_NODE=N ./vireo start}
 * (what {@code ./vireo run} runs after building): the clustered server (ear/target/server-ha) with
 * a base directory of its own, its node name, its ports ({@value #PORT_STEP} apart per node) and
 * the JGroups members of the launcher's choosing; killed with SIGKILL by the test that wants it dead.
 */
public final class ClusterNode implements AutoCloseable {

    static final int PORT_STEP = 200;
    private static final int HTTP = 8080;
    private static final int MANAGEMENT = 9990;

    private final int number;
    private final Path base;
    private final Path ear;
    private final int offset;
    private final Map<String, String> environment;
    private final List<String> options;
    private final ServerProcess process;

    /**
     * @param number      1, 2, …
     * @param ear         what it runs
     * @param environment the database and libvirt variables every node gets (VIREO_DB_URL, VIREO_LIBVIRT_URI…)
     * @param options     further system properties (-D…) every node gets
     */
    public ClusterNode(int number, EnterpriseArchive ear, Map<String, String> environment, List<String> options) throws IOException {
        this.number = number;
        Path nodes = Path.of(System.getProperty("vireo.it.ha-dir"));
        this.base = nodes.resolve("node-" + number);
        this.ear = nodes.resolve("node-" + number + ".ear");
        this.offset = offset(number);
        this.environment = environment;
        this.options = options;
        this.process = new ServerProcess(name());
        Files.createDirectories(nodes);
        ear.as(ZipExporter.class).exportTo(this.ear.toFile(), true);
    }

    /** The port offset of node {@code number}. */
    static int offset(int number) {
        return Integer.getInteger("vireo.it.ha.port-offset") + PORT_STEP * (number - 1);
    }

    /** The node's name, as the launcher gives it (jboss.node.name). */
    public String name() {
        return "vireo-" + number;
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

    /** Starts the node through the launcher (without waiting for it: see {@link #awaitServing}). */
    public void start() throws IOException {
        Path log = Files.createDirectories(base.resolve("log")).resolve("console.log");
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("VIREO_NODE", Integer.toString(number));
        // node 1's port: the launcher shifts node N's by PORT_STEP × (N - 1)
        variables.put("VIREO_HTTP_PORT", Integer.toString(HTTP + offset(1)));
        variables.put("VIREO_BASE_DIR", base.toString());
        variables.put("VIREO_EAR", ear.toString());
        variables.put("VIREO_ADMIN_PASSWORD", TestAccounts.ADMIN_PASSWORD);
        process.launch(options, variables, log);
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
}
