package dev.vireo.bench;

import dev.vireo.TestAccounts;
import dev.vireo.it.ClusterNode;
import dev.vireo.it.TestDriverHost;
import dev.vireo.persistence.testing.PostgresCluster;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * Two Vireo nodes over one private PostgreSQL, started as ServerNodesIT starts them: the
 * throughput of {@code GET /api/vms/{name}} with {@value #CLIENTS} clients against node 1 alone,
 * then spread over both nodes, in the same run; then node 1 is killed with SIGKILL under that load
 * and the clients that were sending to it go to node 2 (as a load balancer would on a refused
 * connection): the time from the kill until every client has been answered 200 again.
 */
final class NodesBench {

    private static final int CLIENTS = 16;
    private static final int DOMAINS = 100;
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration LOAD = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Figure> figures;
    private final List<String> notes;

    NodesBench(List<Figure> figures, List<String> notes) {
        this.figures = figures;
        this.notes = notes;
    }

    void measure() throws Exception {
        Path dir = Path.of(System.getProperty("vireo.it.ha-dir"));
        PostgresCluster database = PostgresCluster.start(dir.resolve("postgresql"), Integer.getInteger("vireo.it.ha.postgresql.port"));
        List<ClusterNode> nodes = new ArrayList<>();
        try {
            String url = database.createDatabase("vireo");
            String host = new TestDriverHost().cpus(16).memoryMiB(65536).domains("ha-", DOMAINS, 256, 1)
                    .writeTo(dir.resolve("bench-host.xml").toAbsolutePath());
            Map<String, String> environment = Map.of("VIREO_DB_URL", url, "VIREO_DB_USER", PostgresCluster.USER,
                    "VIREO_DB_PASSWORD", PostgresCluster.PASSWORD, "VIREO_LIBVIRT_URI", host);
            EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("vireo.it.ear")));
            for (int number = 1; number <= 2; number++) {
                ClusterNode node = new ClusterNode(number, ear, environment, List.of("-Dvireo.cluster.node-timeout=15s"));
                nodes.add(node);
                // one after the other: the first creates the schema
                node.start();
                node.awaitServing();
            }
            List<String> one = List.of(nodes.get(0).base());
            List<String> both = List.of(nodes.get(0).base(), nodes.get(1).base());
            load(both, WARM_UP, null);
            double alone = load(one, LOAD, null).perSecond();
            double spread = load(both, LOAD, null).perSecond();
            figures.add(new Figure("two nodes: GET /api/vms/{name}, " + CLIENTS + " clients over both", spread, "req/s",
                    alone, "the same against node 1 alone"));
            notes.add(String.format(Locale.ROOT, "two nodes on %d cores (load average %.1f before the run): %.0f req/s over "
                    + "both vs %.0f on one, %.2fx (goal 1.7x: two nodes on one machine share its cores)",
                    Runtime.getRuntime().availableProcessors(), loadAverage(), spread, alone, spread / alone));

            Run failover = load(both, LOAD, nodes.get(0));
            figures.add(new Figure("two nodes: node 1 killed under load, until every client is answered again",
                    failover.failoverSeconds(), "s", null, null));
            figures.add(new Figure("two nodes: 5xx answers of node 2 while node 1 died", failover.serverErrors(), "", null, null));
        } finally {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
            database.stop();
        }
    }

    /** What a load brought. */
    private record Run(long answered, double seconds, double failoverSeconds, int serverErrors) {
        double perSecond() {
            return answered / seconds;
        }
    }

    /**
     * {@value #CLIENTS} clients, each on one of {@code bases} in turn, for {@code duration}; with
     * {@code victim}, it is killed with SIGKILL a third into the load and its clients go over to
     * the next base after a refused connection.
     */
    private Run load(List<String> bases, Duration duration, ClusterNode victim) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong();
        CountDownLatch backAfterKill = new CountDownLatch(CLIENTS);
        AtomicLong lastBack = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            int first = c % bases.size();
            done.add(clients.submit(() -> {
                int target = first;
                boolean back = false;
                while (running.get()) {
                    String name = String.format(Locale.ROOT, "ha-%04d", ThreadLocalRandom.current().nextInt(DOMAINS));
                    HttpRequest request = HttpRequest.newBuilder(URI.create(bases.get(target) + "/api/vms/" + name))
                            .header("Authorization", TestAccounts.adminAuthorization()).timeout(Duration.ofSeconds(30)).GET().build();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status == 200) {
                            answered.incrementAndGet();
                            if (!back && killedAt.get() != 0) {
                                back = true;
                                lastBack.accumulateAndGet(System.nanoTime(), Math::max);
                                backAfterKill.countDown();
                            }
                        } else if (status >= 500) {
                            serverErrors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        // refused or cut: the node is gone, the load balancer's next one takes the request
                        target = (target + 1) % bases.size();
                    }
                }
                return null;
            }));
        }
        try {
            if (victim != null) {
                Thread.sleep(duration.toMillis() / 3);
                killedAt.set(System.nanoTime());
                victim.killDashNine();
                if (!backAfterKill.await(duration.toMillis() * 2 / 3 + 60_000, TimeUnit.MILLISECONDS)) {
                    notes.add("failover: not every client was answered again within " + (duration.toSeconds() + 60) + " s");
                }
            } else {
                Thread.sleep(duration.toMillis());
            }
        } finally {
            running.set(false);
            for (Future<?> client : done) {
                client.get(1, TimeUnit.MINUTES);
            }
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double failover = victim == null || lastBack.get() == 0 ? 0 : (lastBack.get() - killedAt.get()) / 1e9;
        return new Run(answered.get(), seconds, failover, serverErrors.get());
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
