package dev.vireo.it;

import dev.vireo.TestAccounts;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * A copy of the provisioned server (src-test/pom.xml makes it, on ports of its own) that a test
 * starts with {@code bin/standalone.sh}, as an operator does, and can kill with SIGKILL: no
 * Arquillian container, since one would stop it gracefully. It runs the real EAR, deployed by
 * WildFly's deployment scanner at every start.
 */
final class CrashServer implements AutoCloseable {

    static final String BASE = "http://localhost:" + System.getProperty("vireo.it.crash.http-port");

    private final Path home = Path.of(System.getProperty("vireo.it.crash-server"));
    private final String libvirtUri;
    private final ServerProcess server = new ServerProcess("the crash test server");
    private int starts;

    /**
     * @param ear        what to deploy
     * @param libvirtUri the libvirt host it manages
     */
    CrashServer(EnterpriseArchive ear, String libvirtUri) throws IOException {
        this.libvirtUri = libvirtUri;
        Path deployments = Files.createDirectories(home.resolve("standalone/deployments"));
        ear.as(ZipExporter.class).exportTo(deployments.resolve("vireo.ear").toFile(), true);
    }

    /** Starts the server and waits until Vireo answers. */
    void start() throws IOException {
        Path log = Files.createDirectories(home.resolve("standalone/log")).resolve("console-" + ++starts + ".log");
        server.start(home, List.of("-Djboss.socket.binding.port-offset=" + System.getProperty("vireo.it.crash.port-offset"),
                "-Dvireo.libvirt.uri=" + libvirtUri, "-Djna.tmpdir=" + home.resolve("standalone/tmp/jna")), Map.of(), log);
        server.awaitServing(BASE, Duration.ofMinutes(3));
    }

    /** SIGKILL to the server's JVM: no shutdown hook, no flush, no goodbye. */
    void killDashNine() throws InterruptedException {
        server.killDashNine();
    }

    /** A request to the API as the first admin. */
    RequestSpecification api() {
        return TestAccounts.asAdmin(BASE);
    }

    /** A connection to the running server's H2 file (through AUTO_SERVER: only while it runs). */
    Connection database() throws SQLException {
        Path file = home.resolve("standalone/data/vireo/vireo");
        return DriverManager.getConnection("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE", "sa", "sa");
    }

    /** Stops a running server gracefully (SIGTERM). */
    @Override
    public void close() throws InterruptedException {
        server.stop();
    }
}
