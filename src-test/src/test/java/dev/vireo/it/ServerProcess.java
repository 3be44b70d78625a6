package dev.vireo.it;

import static org.awaitility.Awaitility.await;

import dev.vireo.TestAccounts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A provisioned WildFly started as an operator starts it, with {@code ./vireo start} or its
 * {@code bin/standalone.sh}, not as an Arquillian container (which would only ever stop it
 * gracefully): a test can kill its JVM with SIGKILL or send the launcher SIGTERM.
 * {@link CrashServer}, {@link ClusterNode} and {@link LauncherIT} each run one.
 */
final class ServerProcess {

    private final String name;
    private Process launcher;
    private Path log;

    /** @param name what the server is called in failures ("the crash test server", "vireo-1") */
    ServerProcess(String name) {
        this.name = name;
    }

    /**
     * Starts {@code home}'s standalone.sh with {@code arguments} (after {@code --stability=community})
     * and {@code environment}, its output to {@code log}; does not wait for it.
     */
    void start(Path home, List<String> arguments, Map<String, String> environment, Path log) throws IOException {
        this.log = log;
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(), "--stability=community"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("JDK_JAVA_OPTIONS", "--enable-native-access=ALL-UNNAMED");
        builder.environment().remove("LAUNCH_JBOSS_IN_BACKGROUND");
        // a test server is a fresh copy each run: recording a class archive at its stop would only slow the stop
        builder.environment().put("VIREO_CDS", "off");
        launcher = builder.start();
    }

    /**
     * Starts Vireo's launcher, {@code ./vireo start} with {@code arguments}, in an environment of
     * {@code environment} and no other VIREO_ variable of the test's own; its output to {@code log};
     * does not wait for it.
     */
    void launch(List<String> arguments, Map<String, String> environment, Path log) throws IOException {
        this.log = log;
        List<String> command = new ArrayList<>(List.of(launcher().toString(), "start"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("VIREO_") || variable.equals("JDK_JAVA_OPTIONS")
                || variable.equals("LAUNCH_JBOSS_IN_BACKGROUND"));
        builder.environment().putAll(environment);
        launcher = builder.start();
    }

    /** The repository's {@code ./vireo}. */
    static Path launcher() {
        return Path.of(System.getProperty("vireo.it.launcher"));
    }

    /** Waits (up to {@code atMost}) until Vireo at {@code base} answers a signed-in request. */
    void awaitServing(String base, Duration atMost) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest tasks = HttpRequest.newBuilder(URI.create(base + "/api/tasks"))
                .header("Authorization", TestAccounts.adminAuthorization()).timeout(Duration.ofSeconds(10)).build();
        await("Vireo on " + name + " (" + log + ")").atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!launcher.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting: see " + log);
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
        ProcessHandle jvm = serverJvm();
        jvm.destroyForcibly();
        jvm.onExit().join();
        if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("standalone.sh did not end with " + name);
        }
    }

    /**
     * SIGTERM to the launcher itself, as a service manager stops a server; waits up to two minutes
     * for the launcher to end.
     *
     * @return the server JVM the launcher had started, to check that it is gone too
     */
    ProcessHandle terminateLauncher() throws InterruptedException {
        ProcessHandle jvm = serverJvm();
        launcher.destroy();
        if (!launcher.waitFor(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the launcher of " + name + " did not end after SIGTERM: see " + log);
        }
        return jvm;
    }

    /** The launcher's exit code (once it ended). */
    int exitValue() {
        return launcher.exitValue();
    }

    /** Stops a running server gracefully (SIGTERM), forcibly after two minutes. */
    void stop() throws InterruptedException {
        if (launcher == null || !launcher.isAlive()) {
            return;
        }
        launcher.descendants().filter(ServerProcess::isServer).forEach(ProcessHandle::destroy);
        if (!launcher.waitFor(2, TimeUnit.MINUTES)) {
            launcher.descendants().filter(ServerProcess::isServer).forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    /** The server's JVM (the child of standalone.sh). */
    ProcessHandle serverJvm() {
        return launcher.descendants().filter(ServerProcess::isServer).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " has no server JVM"));
    }

    private static boolean isServer(ProcessHandle process) {
        return process.info().commandLine().map(line -> line.contains("jboss-modules.jar")).orElse(false);
    }
}
