package dev.vireo.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy in front of the nodes of a cluster, configured as the README's "Several servers"
 * tells an operator: round robin without sticky sessions, each node checked on its readiness
 * ({@code /health/ready} on its management port) and left out while it fails, a request that could
 * not reach a node sent to another.
 */
final class LoadBalancer implements AutoCloseable {

    private final int port;
    private final Process haproxy;

    private LoadBalancer(int port, Process haproxy) {
        this.port = port;
        this.haproxy = haproxy;
    }

    /** Starts HAProxy on {@code port} of loopback for {@code nodes}, its configuration and log in {@code directory}. */
    static LoadBalancer start(Path directory, int port, List<ClusterNode> nodes) throws IOException {
        Files.createDirectories(directory);
        StringBuilder configuration = new StringBuilder("""
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 2m
                    timeout server 2m
                    retries 3
                    option redispatch
                frontend vireo
                    bind 127.0.0.1:%d
                    default_backend nodes
                backend nodes
                    balance roundrobin
                    option httpchk GET /health/ready
                """.formatted(port));
        for (ClusterNode node : nodes) {
            configuration.append("    server %s 127.0.0.1:%d check port %d inter 1s fall 2 rise 1%n"
                    .formatted(node.name(), node.httpPort(), node.managementPort()));
        }
        Path file = directory.resolve("haproxy.cfg");
        Files.writeString(file, configuration);
        Process haproxy = new ProcessBuilder("haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("haproxy.log").toFile()).start();
        await("HAProxy on port " + port).atMost(Duration.ofSeconds(30)).until(() -> {
            if (!haproxy.isAlive()) {
                throw new IllegalStateException("HAProxy stopped: see " + directory.resolve("haproxy.log"));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return new LoadBalancer(port, haproxy);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        haproxy.destroy();
        if (!haproxy.waitFor(30, TimeUnit.SECONDS)) {
            haproxy.destroyForcibly();
        }
    }
}
