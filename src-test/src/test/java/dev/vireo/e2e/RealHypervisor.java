package dev.vireo.e2e;

import dev.vireo.TestAccounts;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real libvirtd + QEMU for the end-to-end tests: started once per test run in its own mount
 * namespace ({@code src/test/hypervisor/libvirtd-sandbox.sh}), stopped when the run ends. Where it
 * cannot run (no root, packages missing), every test that needs it is skipped with the reason.
 * Also the server those tests share (Arquillian's manual container {@value #SERVER}, whose libvirt
 * host is this daemon) and Vireo on it.
 */
public final class RealHypervisor implements BeforeAllCallback {

    static final Path SCRIPT = Path.of("src/test/hypervisor/libvirtd-sandbox.sh").toAbsolutePath();
    /** Where the daemon keeps its private /etc/libvirt, /var/lib/libvirt, … (and a peer its own beside it). */
    public static final Path WORKDIR = Path.of(System.getProperty("vireo.it.hypervisor-dir"));
    /** The Arquillian container the end-to-end classes deploy Vireo to. */
    public static final String SERVER = "qemu";
    /** Where Vireo answers on that server. */
    public static final String BASE = "http://localhost:" + System.getProperty("vireo.it.qemu.http-port");
    /** A libvirt host of the tester's own (./vireo test with VIREO_LIBVIRT_URI), used instead of the sandbox. */
    private static final String OWN_HOST = System.getProperty("vireo.it.qemu-uri", "");

    private static String unavailable;
    private static boolean started;

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<String> reason = startOrExplain();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "no real hypervisor here: " + reason.orElse(""));
    }

    /**
     * Starts the daemon once per test run (it stops when the run's JVM ends); empty when it runs,
     * else why it cannot run here.
     */
    public static synchronized Optional<String> startOrExplain() {
        if (!OWN_HOST.isEmpty()) {
            Result reachable = run("virsh", "-c", OWN_HOST, "uri");
            return reachable.exitCode() == 0 ? Optional.empty()
                    : Optional.of(OWN_HOST + " cannot be reached: " + reachable.output().strip());
        }
        if (!started && unavailable == null) {
            Result result = run(SCRIPT.toString(), "start", WORKDIR.toString());
            if (result.exitCode() != 0) {
                unavailable = result.output().strip();
            } else {
                started = true;
                Runtime.getRuntime().addShutdownHook(new Thread(() ->
                        run(SCRIPT.toString(), "stop", WORKDIR.toString()), "stop-libvirtd-sandbox"));
            }
        }
        return Optional.ofNullable(unavailable);
    }

    /** Vireo's EAR as the build made it, for a class's {@code @Deployment} to the {@value #SERVER} server. */
    public static EnterpriseArchive vireo() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("vireo.it.ear")));
    }

    /** A request to Vireo on the {@value #SERVER} server as the first admin. */
    public static RequestSpecification api() {
        return TestAccounts.asAdmin(BASE);
    }

    private static String peer;

    /**
     * A second libvirtd on this machine, a host of its own for migrations (own host name and
     * UUID); started on first use, stopped when the run's JVM ends.
     */
    public static synchronized String peerUri() {
        if (peer == null) {
            Path peerDir = Path.of(WORKDIR + "-peer");
            Result result = run(SCRIPT.toString(), "start", peerDir.toString(), "vireo-e2e-peer");
            if (result.exitCode() != 0) {
                throw new AssertionError("the peer libvirtd did not start: " + result.output());
            }
            peer = result.output().strip();
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
                    run(SCRIPT.toString(), "stop", peerDir.toString()), "stop-peer-libvirtd"));
        }
        return peer;
    }

    /** Runs virsh against another host. */
    public static String virshAt(String uri, String... arguments) {
        List<String> command = new ArrayList<>(List.of("virsh", "-c", uri));
        command.addAll(List.of(arguments));
        Result result = run(command.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + result.output());
        }
        return result.output().strip();
    }

    /** The URI Vireo and the tests reach the daemon at. */
    public static String uri() {
        return OWN_HOST.isEmpty() ? "qemu+unix:///system?socket=" + WORKDIR.resolve("run/libvirt/libvirt-sock") : OWN_HOST;
    }

    /** Runs virsh against the daemon; fails the test when virsh fails. */
    public static String virsh(String... arguments) {
        return virshAt(uri(), arguments);
    }

    /** Runs a command, giving its exit code and combined output. */
    public static Result run(String... command) {
        return run(Map.of(), command);
    }

    /** Runs a command with {@code environment} added to this process's, giving its exit code and combined output. */
    public static Result run(Map<String, String> environment, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " timed out");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    public record Result(int exitCode, String output) {
    }
}
