package dev.vireo.it;

import static org.awaitility.Awaitility.await;

import dev.vireo.TestAccounts;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    private Process launcher;
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
        ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("bin/standalone.sh").toString(),
                "--stability=community",
                "-Djboss.socket.binding.port-offset=" + System.getProperty("vireo.it.crash.port-offset"),
                "-Dvireo.libvirt.uri=" + libvirtUri,
                "-Djna.tmpdir=" + home.resolve("standalone/tmp/jna")))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JDK_JAVA_OPTIONS", "--enable-native-access=ALL-UNNAMED");
        builder.environment().remove("LAUNCH_JBOSS_IN_BACKGROUND");
        launcher = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest tasks = HttpRequest.newBuilder(URI.create(BASE + "/api/tasks"))
                .header("Authorization", TestAccounts.adminAuthorization()).timeout(Duration.ofSeconds(10)).build();
        await("Vireo on the crash test server (" + log + ")").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    if (!launcher.isAlive()) {
                        throw new IllegalStateException("the server stopped while starting: see " + log);
                    }
                    try {
                        return http.send(tasks, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /** SIGKILL to the server's JVM (the child of standalone.sh): no shutdown hook, no flush, no goodbye. */
    void killDashNine() throws InterruptedException {
        ProcessHandle jvm = jvm();
        jvm.destroyForcibly();
        jvm.onExit().join();
        if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("standalone.sh did not end with its server");
        }
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
        if (launcher == null || !launcher.isAlive()) {
            return;
        }
        launcher.descendants().filter(CrashServer::isServer).forEach(ProcessHandle::destroy);
        if (!launcher.waitFor(2, TimeUnit.MINUTES)) {
            launcher.descendants().filter(CrashServer::isServer).forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private ProcessHandle jvm() {
        return launcher.descendants().filter(CrashServer::isServer).findFirst()
                .orElseThrow(() -> new IllegalStateException("standalone.sh has no server JVM"));
    }

    private static boolean isServer(ProcessHandle process) {
        return process.info().commandLine().map(line -> line.contains("jboss-modules.jar")).orElse(false);
    }
}
