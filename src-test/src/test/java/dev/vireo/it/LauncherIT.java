package dev.vireo.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.vireo.TestAccounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher as the README tells an operator to use it: {@code ./vireo start} (what
 * {@code ./vireo run} runs once it has built) starts the single server on the default H2 and the
 * test driver, which answers its health check, the API and the console's sign-in page, keeps its
 * data in the base directory it was given and stops when the launcher gets SIGTERM, its JVM with it;
 * {@code VIREO_NODE=2 ./vireo run} on the default H2 refuses before building anything.
 */
class LauncherIT {

    private static final int HTTP = 8080;
    private static final int MANAGEMENT = 9990;

    @Test
    void startsTheSingleServerWhichServesAndStopsOnSigterm() throws Exception {
        int offset = Integer.getInteger("vireo.it.launcher.port-offset");
        Path base = Path.of(System.getProperty("vireo.it.launcher-dir"), "standalone").toAbsolutePath();
        forget(base);
        Files.createDirectories(base.resolve("log"));
        String api = "http://localhost:" + (HTTP + offset);
        String management = "http://localhost:" + (MANAGEMENT + offset);
        ServerProcess server = new ServerProcess("the launcher's single server");
        server.launch(List.of(), Map.of("VIREO_HTTP_PORT", Integer.toString(HTTP + offset),
                "VIREO_BASE_DIR", base.toString(), "VIREO_ADMIN_PASSWORD", TestAccounts.ADMIN_PASSWORD),
                base.resolve("log/console.log"));
        ProcessHandle jvm;
        try {
            server.awaitServing(api, Duration.ofMinutes(6));

            given().baseUri(management).get("/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("checks.find { it.name == 'libvirt' }.data.uri", equalTo("test:///default"));
            // libvirt's test:///default host has one domain, "test"
            TestAccounts.asAdmin(api).get("/api/vms").then().statusCode(200).body("name", hasItem("test"));
            given().baseUri(api).get("/console/login.xhtml").then().statusCode(200)
                    .body(containsString("id=\"login\"")).body(containsString("Sign in"));
            // one JVM with the settings of the provisioned server's bin/standalone.conf, on the given base directory
            String commandLine = server.serverJvm().info().commandLine().orElseThrow();
            assertThat(commandLine).contains(System.getProperty("vireo.server.gc"), "-Djboss.server.base.dir=" + base,
                    "-Djboss.socket.binding.port-offset=" + offset, "--stability=community");
            // the data where the launcher was told to keep it: the default H2 file in the base directory
            try (Stream<Path> data = Files.list(base.resolve("data"))) {
                assertThat(data.map(file -> file.getFileName().toString())).anyMatch(name -> name.startsWith("vireo"));
            }
        } finally {
            jvm = server.terminateLauncher();
        }
        // standalone.sh waits for the JVM it relayed SIGTERM to: when the launcher ends, the server has, gracefully
        assertThat(jvm.isAlive()).as("the server JVM after the launcher ended").isFalse();
        assertThat(server.exitValue()).isZero();
        String log = Files.readString(base.resolve("log/server.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("WFLYSRV0050"); // "stopped in …": the shutdown ran, not a kill
    }

    @Test
    void refusesASecondNodeOnTheDefaultH2BeforeBuilding() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ServerProcess.launcher().toString(), "run").redirectErrorStream(true);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("VIREO_"));
        builder.environment().put("VIREO_NODE", "2");
        Process launcher = builder.start();
        String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(launcher.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(launcher.exitValue()).isEqualTo(1);
        assertThat(output).contains("several nodes share one database: set VIREO_DB_URL to jdbc:postgresql://")
                .doesNotContain("building Vireo");
    }

    private static void forget(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
