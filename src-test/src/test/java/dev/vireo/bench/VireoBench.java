package dev.vireo.bench;

import dev.vireo.TestAccounts;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.vireo.e2e.HostFixtures;
import dev.vireo.e2e.RealHypervisor;
import dev.vireo.it.ClusterNode;
import dev.vireo.it.TestDriverHost;
import dev.vireo.persistence.testing.PostgresCluster;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * {@code ./vireo bench}: Vireo against the same work done through libvirt-java directly, on a
 * private test-driver host with {@value #DOMAINS} domains. Prints a table and writes
 * {@code target/bench.json}; it measures, it never fails on a time.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VireoBench {

    static final int DOMAINS = 1000;
    static final int ZONE_HOSTS = 20;
    static final int ZONE_DOMAINS = 500;
    private static final String SERVER = "bench";
    private static final String DEPLOYMENT = "vireo-bench";
    private static final Path WORK = Path.of(System.getProperty("vireo.it.bench-dir"));
    private static final String BASE = "http://localhost:" + System.getProperty("vireo.it.bench.http-port");
    private static final String MANAGEMENT = "http://localhost:" + System.getProperty("vireo.it.bench.management-port");
    private static final int CLIENTS = 16;
    private static final String QEMU_SERVER = "qemu";
    private static final String QEMU_DEPLOYMENT = "bench-on-qemu";
    private static final String QEMU_BASE = "http://localhost:" + System.getProperty("vireo.it.qemu.http-port");

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive deployment() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("vireo.it.ear")));
    }

    @Deployment(name = QEMU_DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(QEMU_SERVER)
    static EnterpriseArchive onQemu() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("vireo.it.ear")));
    }

    @Test
    void measure() throws Exception {
        // -Dvireo.bench.only=nodes: two clustered nodes of their own, without the bench server
        String only = System.getProperty("vireo.bench.only", "");
        if (only.equals("nodes")) {
            new NodesBench(figures, notes).measure();
            report();
            return;
        }
        // -Dvireo.bench.only=qemu: the real-QEMU figures alone, without the test-driver server
        if (only.equals("qemu")) {
            realHypervisor(false);
            report();
            return;
        }
        Path host = WORK.resolve("host.xml");
        // the zone's template takes its disk from default-pool and its network from default, here as on each cell
        String uri = new TestDriverHost().cpus(16).memoryMiB(65536).domains("bench-", DOMAINS, 1024, 2)
                .pool("default-pool").network("default").writeTo(host);

        // the start in two parts: WildFly alone, nothing deployed (controller.start returns once the management
        // model reports server-state "running", polled every 100 ms), its memory then, and Vireo's deployment to ready
        long start = System.nanoTime();
        controller.start(SERVER);
        double wildFly = (System.nanoTime() - start) / 1e9;
        double wildFlyMiB = residentMiB();
        start = System.nanoTime();
        deployer.deploy(DEPLOYMENT);
        awaitReady();
        double deployment = (System.nanoTime() - start) / 1e9;
        figures.add(new Figure("server start to ready", wildFly + deployment, "s", wildFly,
                "WildFly alone started, nothing deployed, s; goal ≤ 5 s"));
        figures.add(new Figure("server start: WildFly alone, nothing deployed", wildFly, "s", null,
                "to server-state running"));
        figures.add(new Figure("server start: Vireo's deployment to ready", deployment, "s", null, "deploy, /health/ready"));
        figures.add(new Figure("server resident memory, WildFly alone, idle", wildFlyMiB, "MiB", null, "nothing deployed"));
        figures.add(new Figure("server resident memory, idle", residentMiB(), "MiB", wildFlyMiB,
                "WildFly alone, nothing deployed, MiB (the floor); goal ≤ 400 MiB"));
        gcSoFar("the start");

        // -Dvireo.bench.only=images (or vmpools) measures that part alone (the whole takes long)
        // -Dvireo.bench.only=checkout: the test-driver VM pool figures alone (vmpools adds real QEMU)
        // -Dvireo.bench.only=reads: the reads alone (lists, single VMs, the console, 10,000 VMs)
        // The zone's cells and the 10,000-VM host come last: libvirt's test driver runs inside the server's
        // process and keeps about 9 KiB of native memory per domain, and Vireo caches each of their 21,000
        // domains, so the figures measured after them would measure those hosts too.
        boolean reads = only.isEmpty() || only.equals("reads");
        if (reads) {
            try (LibvirtPass raw = new LibvirtPass(uri)) {
                assertThat(get("/api/vms").body()).contains("\"bench-0999\"");
                listAll(raw);
                oneByName(raw);
                console();
            }
            figures.add(new Figure("server resident memory, after the reads of 1,000 VMs", residentMiB(), "MiB", null,
                    "goal ≤ 600 MiB"));
            gcSoFar("the reads of 1,000 VMs");
        }
        boolean checkouts = only.isEmpty() || only.equals("vmpools") || only.equals("checkout");
        if (checkouts) {
            vmPools();
            gcSoFar("the VM pools");
        }
        if (only.isEmpty() || only.equals("images")) {
            double before = residentMiB();
            new ImageTransferBench(http, BASE, WORK, figures, notes, VireoBench::serverCpuNanos).measure();
            // Undertow's buffers of 64 KiB (direct memory, one pool) and the uploads' own direct buffers
            figures.add(new Figure("server resident memory, after the images", residentMiB(), "MiB", before,
                    "before the images, MiB"));
            gcSoFar("the image transfers");
        }
        if (reads) {
            if (only.isEmpty()) {
                try (LibvirtPass raw = new LibvirtPass(uri)) {
                    zone(raw);
                }
            }
            tenThousand();
            gcSoFar("the zone's cells and the 10,000-VM host");
        }
        figures.add(new Figure("server resident memory, after the run", residentMiB(), "MiB", null, null));
        GcLog.Totals gc = GcLog.read(WORK.resolve("gc.log"));
        figures.add(new Figure("server GC pauses, whole run, total", gc.pauseMillis(), "ms", null, null));
        deployer.undeploy(DEPLOYMENT);
        controller.stop(SERVER);
        if (checkouts) {
            checkoutsOnPostgres();
        }
        if (only.isEmpty() || only.equals("vmpools")) {
            realHypervisor(only.equals("vmpools"));
        }
        if (only.isEmpty()) {
            new NodesBench(figures, notes).measure();
        }
        report();
    }

    /** VM pools on a host of their own (the bench host's thousand domains leave no room for more). */
    private void vmPools() throws Exception {
        String uri = new TestDriverHost().cpus(64).memoryMiB(262144).pool("default-pool").network("default")
                .writeTo(WORK.resolve("pool-host.xml"));
        send("POST", BASE + "/api/hosts", "{\"name\": \"pool-host\", \"uri\": \"" + uri + "\"}", 201);
        new VmPoolBench(http, BASE, "default-pool", "pool-host", figures, notes, "", MANAGEMENT + "/health/live")
                .measure(VireoBench::serverCpuNanos);
    }

    /**
     * The same VM pool figures on PostgreSQL, the production database (its checkouts pass over rows
     * other transactions hold): a server started as the clustered nodes are (VIREO_NODE=1 through
     * the launcher, NodesBench's private cluster), alone, with the pool host as its default host.
     */
    private void checkoutsOnPostgres() throws Exception {
        Path dir = Path.of(System.getProperty("vireo.it.ha-dir"));
        PostgresCluster database = PostgresCluster.start(dir.resolve("postgresql-checkout"),
                Integer.getInteger("vireo.it.ha.postgresql.port"));
        ClusterNode node = null;
        try {
            String url = database.createDatabase("vireo");
            String uri = new TestDriverHost().cpus(64).memoryMiB(262144).pool("default-pool").network("default")
                    .writeTo(WORK.resolve("pool-host-postgresql.xml"));
            node = new ClusterNode(1, ShrinkWrap.createFromZipFile(EnterpriseArchive.class,
                    new File(System.getProperty("vireo.it.ear"))), Map.of("VIREO_DB_URL", url, "VIREO_DB_USER",
                    PostgresCluster.USER, "VIREO_DB_PASSWORD", PostgresCluster.PASSWORD, "VIREO_LIBVIRT_URI", uri), List.of());
            node.start();
            node.awaitServing();
            String home = dir.resolve("node-1").toString();
            new VmPoolBench(http, node.base(), "default-pool", null, figures, notes, "PostgreSQL: ",
                    "http://localhost:" + node.managementPort() + "/health/live").measure(() -> serverCpuNanos(home));
        } finally {
            if (node != null) {
                node.close();
            }
            database.stop();
        }
    }

    /**
     * VM creation on the real libvirtd + QEMU of the end-to-end tests (thin qcow2 disks, 64 MiB
     * guests), and a VM pool's clone to ready; {@code poolsOnly}: the pool alone.
     */
    private void realHypervisor(boolean poolsOnly) throws Exception {
        Optional<String> unavailable = RealHypervisor.startOrExplain();
        if (unavailable.isPresent()) {
            notes.add("real hypervisor figures skipped: " + unavailable.get());
            return;
        }
        controller.start(QEMU_SERVER);
        deployer.deploy(QEMU_DEPLOYMENT);
        Path workdir = Path.of(System.getProperty("vireo.it.hypervisor-dir"));
        try (HostFixtures host = new HostFixtures(workdir)) {
            String pool = HostFixtures.unique("bench-pool");
            host.dirPool(pool, true);
            VmPoolBench pools = new VmPoolBench(http, QEMU_BASE, pool, null, figures, notes);
            pools.measureCloneToReady();
            pools.measureFillOnQemu();
            if (poolsOnly) {
                return;
            }
            String template = HostFixtures.unique("bench-tpl");
            send("POST", QEMU_BASE + "/api/templates", "{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                    + " \"networks\": [], \"memory\": {\"current\": 64}, \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]}", 201);
            List<String> made = new ArrayList<>();
            long[] oneByOne = new long[10];
            for (int i = 0; i < oneByOne.length; i++) {
                String vm = template + "-seq-" + i;
                long start = System.nanoTime();
                createAndStart(template, vm);
                oneByOne[i] = System.nanoTime() - start;
                made.add(vm);
            }
            double one = new Samples(oneByOne).medianMillis();
            long start = System.nanoTime();
            made.addAll(atOnce(20, template + "-par-", (i, vm) -> createAndStart(template, vm)));
            double twenty = (System.nanoTime() - start) / 1e9;
            // the same VMs straight through libvirt-java, in the same order and on the same background (ten of them
            // left running while the twenty start, as Vireo's were)
            RawQemuCreation raw;
            try {
                raw = new RawQemuCreation(RealHypervisor.uri(), made.get(0));
            } finally {
                for (String vm : made) {
                    send("DELETE", QEMU_BASE + "/api/vms/" + vm, null, 204);
                }
            }
            try (raw) {
                long[] rawOneByOne = new long[oneByOne.length];
                for (int i = 0; i < rawOneByOne.length; i++) {
                    long begin = System.nanoTime();
                    raw.createAndStart(template + "-raw-seq-" + i);
                    rawOneByOne[i] = System.nanoTime() - begin;
                }
                start = System.nanoTime();
                List<String> shared = atOnce(20, template + "-raw-par-", (i, vm) -> raw.createAndStart(vm));
                double rawTwenty = (System.nanoTime() - start) / 1e9;
                raw.remove(shared);
                List<Connect> connections = new ArrayList<>();
                double rawOwn;
                try {
                    for (int i = 0; i < 20; i++) {
                        connections.add(raw.newConnection());
                    }
                    start = System.nanoTime();
                    atOnce(20, template + "-raw-own-", (i, vm) -> raw.createAndStart(connections.get(i), vm));
                    rawOwn = (System.nanoTime() - start) / 1e9;
                } finally {
                    for (Connect connection : connections) {
                        connection.close();
                    }
                }
                figures.add(new Figure("real QEMU: POST /api/vms to running, median of 10", one, "ms",
                        new Samples(rawOneByOne).medianMillis(),
                        "libvirt-java: volume, define, start of the same VM, median of 10; goal ≤ 500 ms"));
                figures.add(new Figure("real QEMU: 20 VMs created and started at once, wall time", twenty, "s", rawTwenty,
                        "libvirt-java, the same on 20 threads over one connection (as Vireo's), s; goal ≤ 5 s"));
                figures.add(new Figure("real QEMU: 20 VMs at once, against a connection per thread", twenty, "s", rawOwn,
                        "libvirt-java, the same on 20 threads with a connection each, s"));
            }
        } finally {
            deployer.undeploy(QEMU_DEPLOYMENT);
            controller.stop(QEMU_SERVER);
        }
    }

    @FunctionalInterface
    private interface Making {
        void make(int index, String vm) throws Exception;
    }

    /** VMs {@code prefix}0 to {@code prefix}(count - 1) made at once, one a thread; their names. */
    private static List<String> atOnce(int count, String prefix, Making making) throws Exception {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        return AtOnce.run(count, new long[count], 0, () -> {
            int index = next.getAndIncrement();
            making.make(index, prefix + index);
            return prefix + index;
        });
    }

    private void createAndStart(String template, String vm) throws Exception {
        String task = send("POST", QEMU_BASE + "/api/vms",
                "{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + vm + "\"}", 202);
        String id = Json.createReader(new java.io.StringReader(task)).readObject().getString("id");
        for (int i = 0; i < 1200; i++) {
            String status = Json.createReader(new java.io.StringReader(send("GET", QEMU_BASE + "/api/tasks/" + id, null, 200)))
                    .readObject().getString("status");
            if ("finished".equals(status)) {
                send("POST", QEMU_BASE + "/api/vms/" + vm + "/start", null, 200);
                return;
            }
            if ("failed".equals(status)) {
                throw new IllegalStateException("creating " + vm + " failed");
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("creating " + vm + " did not end");
    }

    private String send(String method, String url, String json, int expected) throws Exception {
        return send(http, method, url, json, expected);
    }

    /** A request as the first admin, with a JSON body or none; its answer's body, or a failure when the status differs. */
    static String send(HttpClient http, String method, String url, String json, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", TestAccounts.adminAuthorization());
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private void listAll(LibvirtPass raw) throws Exception {
        int warmup = 10;
        int times = 50;
        Samples.of(warmup, () -> get("/api/vms"));
        Samples.of(warmup, raw::readAll);
        Samples vireo = Samples.of(times, () -> get("/api/vms"));
        Samples libvirt = Samples.of(times, raw::readAll);
        String reference = "libvirt-java: listAllDomains + XML, info, autostart, persistent of each";
        figures.add(new Figure("GET /api/vms (" + DOMAINS + " VMs), median", vireo.medianMillis(), "ms",
                libvirt.medianMillis(), reference + ", median"));
        figures.add(new Figure("GET /api/vms (" + DOMAINS + " VMs), p99", vireo.percentileMillis(99), "ms",
                libvirt.percentileMillis(99), reference + ", p99"));
    }

    /**
     * The console's VM table ({@value #DOMAINS} VMs) and its dashboard: the server's time to the
     * first byte of the page (goal ≤ 100 ms), signed in with a session as a browser is.
     */
    private void console() throws Exception {
        String session = newSession();
        for (String page : List.of("/console/vms.xhtml", "/console/index.xhtml")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + page)).header("Cookie", "VIREO_SESSION=" + session)
                    .GET().build();
            Samples.Work firstByte = () -> {
                HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (java.io.InputStream body = response.body()) {
                    if (response.statusCode() != 200 || body.read() < 0) {
                        throw new IllegalStateException("GET " + page + " answered " + response.statusCode());
                    }
                }
            };
            Samples.of(10, firstByte);
            Samples ttfb = Samples.of(50, firstByte);
            HttpResponse<String> whole = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(whole.body()).as(page + " is the page, not the sign-in").contains("vireo-brand").doesNotContain("id=\"login\"");
            figures.add(new Figure("console " + page + " (" + DOMAINS + " VMs), time to first byte, median", ttfb.medianMillis(),
                    "ms", null, "goal ≤ 100 ms"));
        }
    }

    /**
     * A host of 10,000 VMs: its VM list against a raw pass over the same host (goal ≤ 0.3×), and
     * the time per VM against the {@value #DOMAINS}-VM host's (linear growth: about 1×).
     */
    private void tenThousand() throws Exception {
        int vms = 10 * DOMAINS;
        String bigUri = new TestDriverHost().cpus(64).memoryMiB(1 << 20).domains("big-", vms, 64, 1).pool("default-pool")
                .network("default").writeTo(WORK.resolve("big-host.xml"));
        send("POST", BASE + "/api/hosts", "{\"name\": \"big-host\", \"uri\": \"" + bigUri + "\"}", 201);
        awaitCell("big-host", vms);
        try (LibvirtPass raw = new LibvirtPass(bigUri)) {
            Samples.of(3, () -> get("/api/vms?host=big-host"));
            Samples.of(3, raw::readAll);
            Samples vireo = Samples.of(10, () -> get("/api/vms?host=big-host"));
            Samples libvirt = Samples.of(10, raw::readAll);
            Samples small = Samples.of(10, () -> get("/api/vms?host=local"));
            figures.add(new Figure("GET /api/vms (" + vms + " VMs on one host), median", vireo.medianMillis(), "ms",
                    libvirt.medianMillis(), "libvirt-java pass over the same host, median (goal ≤ 0.3×)"));
            figures.add(new Figure("GET /api/vms, time per VM at " + vms + " VMs against at " + DOMAINS,
                    vireo.medianMillis() / vms * 1000, "µs", small.medianMillis() / DOMAINS * 1000,
                    "the same at " + DOMAINS + " VMs (linear: ratio about 1)"));
        } finally {
            send("DELETE", BASE + "/api/hosts/big-host", null, 204);
        }
    }

    private String newSession() throws Exception {
        return Json.createReader(new java.io.StringReader(send("POST", BASE + "/api/sessions",
                "{\"user\": \"" + TestAccounts.ADMIN + "\", \"password\": \"" + TestAccounts.ADMIN_PASSWORD + "\"}", 200)))
                .readObject().getString("session");
    }

    private void oneByName(LibvirtPass raw) throws Exception {
        int perClient = 200;
        String token = Json.createReader(new java.io.StringReader(send("POST", BASE + "/vmpooler/api/v1/token", null, 200)))
                .readObject().getString("token");
        String session = newSession();
        // a server answers for weeks: measure it compiled, not its first thousands of requests in the interpreter
        List<String> warmUp = List.of(TestAccounts.adminAuthorization(), "Bearer " + token, "Bearer " + session);
        for (int round = 0; round < 3; round++) {
            for (String authorization : warmUp) {
                load(perClient, () -> get("/api/vms/" + randomName(), authorization));
            }
        }
        Samples single = Samples.of(500, () -> get("/api/vms/" + randomName()));
        Samples singleRaw = Samples.of(500, () -> raw.readOne(randomName()));
        figures.add(new Figure("GET /api/vms/{name}, one client, median", single.medianMillis(), "ms",
                singleRaw.medianMillis(), "libvirt-java lookup + XML, info, autostart, persistent, median"));
        Load vireo = load(perClient, () -> get("/api/vms/" + randomName()));
        Load libvirt = load(perClient, () -> raw.readOne(randomName()));
        String reference = "libvirt-java lookup + XML, info, autostart, persistent, " + CLIENTS + " threads";
        figures.add(new Figure("GET /api/vms/{name}, " + CLIENTS + " clients", vireo.perSecond(), "req/s",
                libvirt.perSecond(), reference));
        figures.add(new Figure("GET /api/vms/{name}, " + CLIENTS + " clients, p99", vireo.samples().percentileMillis(99),
                "ms", libvirt.samples().percentileMillis(99), reference + ", p99"));
        // the ceiling of the figure above on these cores, shared with the clients: WildFly answering over HTTP
        // with no application code at all (no authentication, JAX-RS, EJB or JSON)
        HttpRequest live = HttpRequest.newBuilder(URI.create(MANAGEMENT + "/health/live")).GET().build();
        Load bare = load(perClient, () -> http.send(live, HttpResponse.BodyHandlers.ofString()));
        figures.add(new Figure("GET /api/vms/{name}, " + CLIENTS + " clients, against WildFly's bare HTTP", vireo.perSecond(),
                "req/s", bare.perSecond(), "GET /health/live on the management port, " + CLIENTS + " clients"));

        // the same with the other two ways a client proves who it is (goal ≥ 5,000 req/s, p99 ≤ 10 ms each)
        for (Map.Entry<String, String> auth : Map.of("API token", "Bearer " + token, "session", "Bearer " + session).entrySet()) {
            Load load = load(perClient, () -> get("/api/vms/" + randomName(), auth.getValue()));
            figures.add(new Figure("GET /api/vms/{name}, " + CLIENTS + " clients, " + auth.getKey(), load.perSecond(), "req/s",
                    null, "goal ≥ 5000 req/s"));
            figures.add(new Figure("GET /api/vms/{name}, " + CLIENTS + " clients, " + auth.getKey() + ", p99",
                    load.samples().percentileMillis(99), "ms", null, "goal ≤ 10 ms"));
        }
    }

    /**
     * A zone of {@value #ZONE_HOSTS} test-driver cells of {@value #ZONE_DOMAINS} domains each: its status
     * roll-up, its VM list against a raw pass over the same hosts, and 50 VMs placed and created.
     */
    private void zone(LibvirtPass local) throws Exception {
        send("POST", BASE + "/api/computepools", "{\"name\": \"bench-zone\"}", 201);
        List<String> cells = new ArrayList<>();
        List<LibvirtPass> raws = new ArrayList<>();
        raws.add(local);
        try {
            for (int i = 0; i < ZONE_HOSTS; i++) {
                String cell = String.format(Locale.ROOT, "cell-%02d", i);
                // cells of one memory size: placement then spreads the creations in flight by their reservations
                String cellUri = new TestDriverHost().cpus(8 + i % 4 * 8).memoryMiB(65536)
                        .domains(cell + "-vm-", ZONE_DOMAINS, 64, 1).pool("default-pool").network("default")
                        .writeTo(WORK.resolve(cell + ".xml"));
                send("POST", BASE + "/api/hosts", "{\"name\": \"" + cell + "\", \"uri\": \"" + cellUri
                        + "\", \"pool\": \"bench-zone\"}", 201);
                cells.add(cell);
                raws.add(new LibvirtPass(cellUri));
            }
            long start = System.nanoTime();
            for (String cell : cells) {
                awaitCell(cell, ZONE_DOMAINS);
            }
            notes.add(String.format(Locale.ROOT, "zone: %d cells of %d VMs registered, connected and read in %.1f s",
                    ZONE_HOSTS, ZONE_DOMAINS, (System.nanoTime() - start) / 1e9));
            int vms = DOMAINS + ZONE_HOSTS * ZONE_DOMAINS;

            Samples.of(20, () -> get("/api/zone/status"));
            Samples status = Samples.of(200, () -> get("/api/zone/status"));
            figures.add(new Figure("GET /api/zone/status (" + ZONE_HOSTS + "×" + ZONE_DOMAINS + " VMs), median",
                    status.medianMillis(), "ms", null, "goal ≤ 50 ms"));
            figures.add(new Figure("GET /api/zone/status, p99", status.percentileMillis(99), "ms", null, null));

            String body = get("/api/vms").body();
            assertThat(body).contains("\"cell-19-vm-0499\"");
            Samples.Work rawPass = () -> {
                for (LibvirtPass raw : raws) {
                    raw.readAll();
                }
            };
            Samples.of(3, () -> get("/api/vms"));
            Samples.of(3, rawPass);
            Samples list = Samples.of(15, () -> get("/api/vms"));
            Samples listRaw = Samples.of(15, rawPass);
            figures.add(new Figure("GET /api/vms across the zone (" + vms + " VMs), median", list.medianMillis(), "ms",
                    listRaw.medianMillis(), "libvirt-java pass over the same " + (ZONE_HOSTS + 1)
                    + " hosts (default + cells), median; goal ratio ≤ 0.5"));

            placeAndCreate();
        } finally {
            for (LibvirtPass raw : raws.subList(1, raws.size())) {
                raw.close();
            }
        }
    }

    /** 50 VMs created in the zone's compute pool, each placed on a cell; all submitted, then awaited. */
    private void placeAndCreate() throws Exception {
        send("POST", BASE + "/api/templates", "{\"name\": \"bench-zone-tpl\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"memory\": {\"current\": 512, \"maxmemory\": 512},"
                + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}", 201);
        int count = 50;
        List<String> tasks = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String task = send("POST", BASE + "/api/vms", "{\"template\": \"/api/templates/bench-zone-tpl\", \"name\": \""
                    + String.format(Locale.ROOT, "placed-%02d", i) + "\", \"computepool\": \"bench-zone\"}", 202);
            tasks.add(Json.createReader(new java.io.StringReader(task)).readObject().getString("id"));
        }
        java.util.Set<String> chosen = new java.util.TreeSet<>();
        for (String id : tasks) {
            chosen.add(awaitTask(id).replaceAll(".*placed on (\\S+) .*", "$1"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        figures.add(new Figure("50 VMs placed and created across cells, total", seconds, "s", null, null));
        figures.add(new Figure("50 VMs placed and created across cells, per VM", seconds * 1000 / count, "ms", null, null));
        notes.add("placement spread the 50 VMs over " + chosen.size() + " cells: " + String.join(", ", chosen));
    }

    /** The task's message once it finished; fails when it failed. */
    private String awaitTask(String id) throws Exception {
        for (int i = 0; i < 6000; i++) {
            jakarta.json.JsonObject task = Json.createReader(new java.io.StringReader(send("GET", BASE + "/api/tasks/" + id,
                    null, 200))).readObject();
            String status = task.getString("status");
            if (!"running".equals(status)) {
                if (!"finished".equals(status)) {
                    throw new IllegalStateException("task " + id + " " + status + ": " + task.getString("message"));
                }
                return task.getString("message");
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("task " + id + " did not end");
    }

    /** Waits until the host monitor has connected and read the cell's {@code domains}. */
    private void awaitCell(String cell, int domains) throws Exception {
        for (int i = 0; i < 1200; i++) {
            jakarta.json.JsonObject status = Json.createReader(new java.io.StringReader(
                    get("/api/hosts/" + cell + "/status").body())).readObject();
            if (status.getBoolean("alive") && status.getJsonObject("instances").getInt("total") == domains) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("cell " + cell + " was not connected and read");
    }

    private record Load(Samples samples, double perSecond) {
    }

    private static Load load(int perClient, Samples.Work work) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Callable<long[]>> jobs = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                jobs.add(() -> {
                    long[] nanos = new long[perClient];
                    for (int i = 0; i < perClient; i++) {
                        long start = System.nanoTime();
                        work.run();
                        nanos[i] = System.nanoTime() - start;
                    }
                    return nanos;
                });
            }
            long start = System.nanoTime();
            List<Future<long[]>> results = clients.invokeAll(jobs);
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] all = new long[CLIENTS * perClient];
            int next = 0;
            for (Future<long[]> result : results) {
                for (long nanos : result.get()) {
                    all[next++] = nanos;
                }
            }
            return new Load(new Samples(all), all.length / seconds);
        } finally {
            clients.shutdownNow();
        }
    }

    private static String randomName() {
        return String.format(Locale.ROOT, "bench-%04d", ThreadLocalRandom.current().nextInt(DOMAINS));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, TestAccounts.adminAuthorization());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(BASE + path))
                        .header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private void awaitReady() throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(MANAGEMENT + "/health/ready")).GET().build();
        for (int i = 0; i < 600; i++) {
            if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Vireo did not become ready");
    }

    /** The resident memory of the bench server, found by its home directory on its command line. */
    private static double residentMiB() throws Exception {
        long pid = benchServer().pid();
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /** A note of the bench server's collections so far (its GC log), after {@code phase}. */
    private void gcSoFar(String phase) throws Exception {
        GcLog.Totals gc = GcLog.read(WORK.resolve("gc.log"));
        notes.add(String.format(Locale.ROOT, "server GC after %s: %d young and %d full collections, %.0f ms paused in all;"
                + " heap after the last %d of %d MiB", phase, gc.young(), gc.full(), gc.pauseMillis(), gc.heapAfterMiB(),
                gc.heapMiB()));
    }

    /** The bench server's process. */
    private static ProcessHandle benchServer() {
        return server(System.getProperty("vireo.it.bench-server"));
    }

    /** The server whose command line names {@code home} (its home or base directory). */
    private static ProcessHandle server(String home) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(command -> command.endsWith("java")).orElse(false))
                .filter(p -> p.info().commandLine().map(line -> line.contains(home)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no server process under " + home));
    }

    /** The CPU time the bench server has used so far, ns (all its threads, user and system). */
    static long serverCpuNanos() {
        return benchServer().info().totalCpuDuration().orElseThrow().toNanos();
    }

    /** The CPU time of the server under {@code home} so far, ns. */
    private static long serverCpuNanos(String home) {
        return server(home).info().totalCpuDuration().orElseThrow().toNanos();
    }

    /** A test-driver host file with {@value #DOMAINS} small domains. */
    private void report() throws Exception {
        String conditions = String.format(Locale.ROOT, "%d cores, Java %s, %d domains on test:///…/host.xml, %s",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), DOMAINS, java.time.Instant.now());
        StringBuilder table = new StringBuilder("\nVireo benchmark — " + conditions + "\n");
        table.append(String.format(Locale.ROOT, "%-60s %12s  %-6s %12s %8s  %s%n",
                "figure", "value", "unit", "reference", "ratio", "reference is"));
        JsonArrayBuilder json = Json.createArrayBuilder();
        for (Figure figure : figures) {
            table.append(String.format(Locale.ROOT, "%-60s %12.2f  %-6s %12s %8s  %s%n", figure.name(), figure.value(),
                    figure.unit(), figure.reference() == null ? "" : String.format(Locale.ROOT, "%.2f", figure.reference()),
                    figure.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", figure.ratio()),
                    figure.referenceName() == null ? "" : figure.referenceName()));
            JsonObjectBuilder entry = Json.createObjectBuilder()
                    .add("name", figure.name()).add("value", figure.value()).add("unit", figure.unit());
            if (figure.reference() != null) {
                entry.add("reference", figure.reference()).add("reference_is", figure.referenceName())
                        .add("ratio", figure.ratio());
            }
            json.add(entry);
        }
        notes.forEach(note -> table.append(note).append('\n'));
        System.out.println(table);
        Path out = Path.of("target", "bench.json");
        Files.writeString(out, Json.createObjectBuilder().add("conditions", conditions).add("figures", json)
                .build().toString());
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** The same reads Vireo makes, straight through libvirt-java on its own connection. */
    private static final class LibvirtPass implements AutoCloseable {

        private final Connect connect;

        LibvirtPass(String uri) throws Exception {
            connect = new Connect(uri);
        }

        void readAll() throws Exception {
            for (Domain domain : connect.listAllDomains(0)) {
                read(domain);
            }
        }

        void readOne(String name) throws Exception {
            read(connect.domainLookupByName(name));
        }

        private static void read(Domain domain) throws Exception {
            try {
                domain.getXMLDesc(0);
                domain.getInfo();
                domain.getAutostart();
                domain.isPersistent();
            } finally {
                domain.free();
            }
        }

        @Override
        public void close() throws Exception {
            connect.close();
        }
    }
}
