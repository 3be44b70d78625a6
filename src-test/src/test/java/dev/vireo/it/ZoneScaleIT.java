package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasToString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.NodeInfo;
import org.libvirt.StoragePool;
import org.libvirt.StoragePoolInfo;

/**
 * A zone of 20 test-driver hosts of different sizes in 3 compute pools: placement follows the rule,
 * a disabled host leaves placement and the online count, a host whose connection really fails keeps
 * its VMs as unknown (503 for requests about them) until it is back and reconciled from libvirt,
 * and the status roll-ups of hosts, pools and the zone (native and Nano) equal what each host file
 * holds, read here with libvirt-java from the same files.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ZoneScaleIT {

    private static final int HOSTS = 20;
    private static final long MIB = 1024L * 1024;

    private final List<String> hosts = new ArrayList<>();
    private final List<String> pools = new ArrayList<>();
    private String template;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    /** What a host file holds, as libvirt reads it: sizes, domains by state, storage. */
    private record Facts(int cpus, long memoryMib, int running, int stopped, int cpusUsed, long memoryUsedMib,
                         long diskBytes, long diskUsedBytes, Map<String, String> states) {

        long freeMemoryMib() {
            return memoryMib - memoryUsedMib;
        }

        static Facts of(String uri) throws Exception {
            Connect connect = new Connect(uri);
            try {
                NodeInfo node = connect.nodeInfo();
                int running = 0;
                int stopped = 0;
                int cpusUsed = 0;
                long memoryUsedKib = 0;
                Map<String, String> states = new TreeMap<>();
                for (Domain domain : connect.listAllDomains(0)) {
                    DomainInfo info = domain.getInfo();
                    boolean runs = info.state == DomainInfo.DomainState.VIR_DOMAIN_RUNNING;
                    states.put(domain.getName(), runs ? "running" : "shutoff");
                    if (runs) {
                        running++;
                        cpusUsed += info.nrVirtCpu;
                        memoryUsedKib += info.memory;
                    } else {
                        stopped++;
                    }
                }
                long disk = 0;
                long diskUsed = 0;
                for (String name : connect.listStoragePools()) {
                    StoragePool pool = connect.storagePoolLookupByName(name);
                    StoragePoolInfo info = pool.getInfo();
                    disk += info.capacity;
                    diskUsed += info.allocation;
                }
                return new Facts(node.cpus, node.memory / 1024, running, stopped, cpusUsed, memoryUsedKib / 1024, disk,
                        diskUsed, states);
            } finally {
                connect.close();
            }
        }
    }

    @AfterEach
    void forgetTheZone() {
        hosts.forEach(host -> api().delete("/api/hosts/" + host));
        pools.forEach(pool -> api().delete("/api/computepools/" + pool));
        if (template != null) {
            api().delete("/api/templates/" + template);
        }
    }

    @Test
    void twentyHostsInThreePoolsPlaceRollUpGoDownAndComeBack() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        Path dir = Files.createTempDirectory("vireo-zone-scale-");
        List<String> poolNames = List.of("zsa-" + suffix, "zsb-" + suffix, "zsc-" + suffix);
        for (String pool : poolNames) {
            api().contentType(ContentType.JSON).body("{\"name\": \"" + pool + "\"}").post("/api/computepools").then()
                    .statusCode(201);
            pools.add(pool);
        }
        Map<String, String> poolOf = new LinkedHashMap<>();
        Map<String, String> uris = new LinkedHashMap<>();
        Map<String, Facts> facts = new LinkedHashMap<>();
        for (int i = 0; i < HOSTS; i++) {
            String name = String.format(Locale.ROOT, "zs%02d-%s", i, suffix);
            String pool = poolNames.get(i < 7 ? 0 : i < 14 ? 1 : 2);
            String uri = hostFile(i, suffix, false).writeTo(dir.resolve(name + ".xml"));
            api().contentType(ContentType.JSON)
                    .body("{\"name\": \"" + name + "\", \"uri\": \"" + uri + "\", \"pool\": \"" + pool + "\"}")
                    .post("/api/hosts").then().statusCode(201);
            hosts.add(name);
            poolOf.put(name, pool);
            uris.put(name, uri);
            facts.put(name, Facts.of(uri));
        }
        // connected and read by the host monitor
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (String host : hosts) {
                api().get("/api/hosts/" + host + "/status").then().statusCode(200)
                        .body("alive", equalTo(true)).body("last_seen", notNullValue());
            }
        });

        // each host's status is what its file holds
        for (String host : hosts) {
            assertCell(api().get("/api/hosts/" + host + "/status").then().statusCode(200), facts.get(host));
            Facts held = facts.get(host);
            api().get("/nano/compute_cell_status/" + poolOf.get(host) + "/" + host).then().statusCode(200)
                    .body("error_code", equalTo(0))
                    .body("data.name", equalTo(host)).body("data.alive", equalTo(true)).body("data.enabled", equalTo(true))
                    .body("data.instances", equalTo(List.of(held.stopped(), held.running(), 0, 0)))
                    .body("data.max_cpu", equalTo(held.cpus()))
                    .body("data.max_memory", equalTo((int) held.memoryMib()))
                    .body("data.available_memory", equalTo((int) held.freeMemoryMib()))
                    .body("data.max_disk", equalTo((int) (held.diskBytes() / MIB)));
        }
        // each pool's is the sum of its hosts'
        for (String pool : poolNames) {
            List<Facts> members = hosts.stream().filter(host -> poolOf.get(host).equals(pool)).map(facts::get).toList();
            assertPool(pool, members, members.size(), 0);
            api().get("/nano/compute_cell_status/" + pool + "/").then().statusCode(200)
                    .body("data.size()", equalTo(members.size()));
            JsonPath instances = api().get("/nano/instance_status/" + pool + "/").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(instances.getList("data.name")).hasSize(members.stream().mapToInt(f -> f.states().size()).sum());
        }
        assertZoneAddsUpItsHosts();

        // placement: the most free memory, then CPUs, then name, in the pool named
        template = "zst-" + suffix;
        ZoneFixture.createTemplate(template);
        String poolA = poolNames.get(0);
        String bestA = best(poolA, poolOf, facts, List.of());
        String placed = "za-" + suffix;
        assertThat(ZoneFixture.finished(create(placed, poolA))).endsWith("placed on " + bestA + " (most free memory: "
                + String.format(Locale.ROOT, "%,d MiB", facts.get(bestA).freeMemoryMib()) + ")");
        api().get("/api/vms/" + placed).then().statusCode(200).body("host", equalTo(bestA));
        // the creation is in the host's status at once, from its domain cache
        api().get("/api/hosts/" + bestA + "/status").then()
                .body("instances.stopped", equalTo(facts.get(bestA).stopped() + 1))
                .body("instances.total", equalTo(facts.get(bestA).states().size() + 1));
        api().get("/nano/instance_status/" + poolA + "/" + bestA).then()
                .body("data.find { it.name == '" + placed + "' }.running", equalTo(false))
                .body("data.find { it.name == '" + placed + "' }.memory", equalTo(1024));

        // a disabled host takes no VM and is no longer online, though alive
        String poolB = poolNames.get(1);
        String bestB = best(poolB, poolOf, facts, List.of());
        api().contentType(ContentType.JSON).body("{\"enabled\": false}").put("/api/hosts/" + bestB).then().statusCode(200);
        int inB = (int) hosts.stream().filter(host -> poolOf.get(host).equals(poolB)).count();
        api().get("/api/computepools/" + poolB + "/status").then().statusCode(200)
                .body("cells.total", equalTo(inB)).body("cells.enabled", equalTo(inB - 1))
                .body("cells.disabled", equalTo(1)).body("cells.alive", equalTo(inB)).body("cells.online", equalTo(inB - 1));
        api().get("/nano/compute_pool_status/" + poolB).then().body("data.cells", equalTo(List.of(1, inB - 1)));
        api().get("/api/hosts/" + bestB + "/status").then().body("enabled", equalTo(false)).body("alive", equalTo(true));
        String nextB = best(poolB, poolOf, facts, List.of(bestB));
        assertThat(ZoneFixture.finished(create("zb-" + suffix, poolB))).contains("placed on " + nextB + " ");

        // a host whose connection really fails: pointed at a file libvirt cannot read as a host
        String poolC = poolNames.get(2);
        String away = hosts.get(HOSTS - 1);
        Facts before = facts.get(away);
        Path broken = dir.resolve(away + "-moved.xml");
        Files.writeString(broken, "this is no host");
        api().contentType(ContentType.JSON).body("{\"uri\": \"test://" + broken + "\"}").put("/api/hosts/" + away)
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api().get("/api/hosts/" + away).then()
                .body("state", oneOf("reconnecting", "down")).body("reason", notNullValue()));
        // running when the host went away; shut off when it comes back
        String vm = String.format(Locale.ROOT, "zs%02d-run0-%s", HOSTS - 1, suffix);
        assertThat(before.states().get(vm)).isEqualTo("running");
        JsonPath listed = api().get("/api/vms").then().statusCode(200).extract().jsonPath();
        for (String name : before.states().keySet()) {
            assertThat(listed.getString("find { it.name == '" + name + "' }.state")).isEqualTo("unknown");
            assertThat(listed.getString("find { it.name == '" + name + "' }.host")).isEqualTo(away);
            assertThat(listed.getString("find { it.name == '" + name + "' }.last_seen")).isNotNull();
        }
        api().get("/api/vms?host=" + away).then().statusCode(200)
                .body("name", equalTo(List.copyOf(before.states().keySet())));
        api().get("/api/vms/" + vm).then().statusCode(200).body("state", equalTo("unknown"))
                .body("host", equalTo(away)).body("last_seen", notNullValue());
        for (ValidatableResponse refused : List.of(api().post("/api/vms/" + vm + "/start").then(),
                api().post("/api/vms/" + vm + "/poweroff").then(),
                api().contentType(ContentType.JSON).body("{\"description\": \"x\"}").put("/api/vms/" + vm).then(),
                api().delete("/api/vms/" + vm).then(),
                api().get("/api/vms/" + vm + "/storages").then())) {
            refused.statusCode(503).body("code", equalTo("ZONE0030E"))
                    .body("reason", allOf(containsString(vm), containsString(away), containsString("since")));
        }
        // its name stays taken
        create(vm, poolA).statusCode(409).body("code", equalTo("VMS0006E"));
        api().get("/api/hosts/" + away + "/status").then().body("alive", equalTo(false))
                .body("since", notNullValue()).body("last_seen", notNullValue())
                .body("instances.unknown", equalTo(before.states().size()))
                .body("instances.running", equalTo(0));
        api().get("/nano/instance_status/" + poolC + "/" + away).then().statusCode(200)
                .body("data.state", equalTo(before.states().values().stream().map(s -> "unknown").toList()));
        List<Facts> reachableC = hosts.stream().filter(host -> poolOf.get(host).equals(poolC) && !host.equals(away))
                .map(facts::get).toList();
        api().get("/api/computepools/" + poolC + "/status").then()
                .body("cells.down", equalTo(1)).body("cells.alive", equalTo(reachableC.size()))
                .body("instances.unknown", equalTo(before.states().size()))
                .body("usage.cpus", equalTo(reachableC.stream().mapToInt(Facts::cpus).sum()))
                .body("usage.memory_mib", equalTo((int) reachableC.stream().mapToLong(Facts::memoryMib).sum()));
        api().get("/nano/compute_pool_status/" + poolC).then()
                .body("data.cells", equalTo(List.of(1, reachableC.size())))
                .body("data.instances[2]", equalTo(before.states().size()));
        assertZoneAddsUpItsHosts();
        // nothing forgotten: the host is still registered
        assertThat(hostUri(away)).isEqualTo("test://" + broken);

        // back, with what changed meanwhile: its VMs are read again from libvirt, without a restart
        String backUri = hostFile(HOSTS - 1, suffix, true).writeTo(broken);
        Facts after = Facts.of(backUri);
        assertThat(after.states()).isNotEqualTo(before.states());
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> api().get("/api/hosts/" + away + "/status").then()
                .body("alive", equalTo(true)).body("instances.unknown", equalTo(0))
                .body("instances.total", equalTo(after.states().size())));
        assertCell(api().get("/api/hosts/" + away + "/status").then(), after);
        JsonPath back = api().get("/api/vms?host=" + away).then().statusCode(200).extract().jsonPath();
        assertThat(back.getList("name")).isEqualTo(List.copyOf(after.states().keySet()));
        assertThat(back.getList("state")).isEqualTo(List.copyOf(after.states().values()));
        assertThat(back.getList("last_seen")).containsOnlyNulls();
        api().get("/api/vms/" + vm).then().statusCode(200).body("state", equalTo("shutoff")).body("last_seen", nullValue());
        api().post("/api/vms/" + vm + "/start").then().statusCode(200).body("state", equalTo("running"));
        api().get("/api/computepools/" + poolC + "/status").then()
                .body("cells.down", equalTo(0)).body("cells.alive", equalTo(reachableC.size() + 1))
                .body("instances.unknown", equalTo(0));
    }

    /**
     * Host {@code i}: 2 to 10 CPUs, 4 to 23 GiB, 1 to 3 running domains and every other one a shut-off
     * one; {@code changed}: the same host after its first domain stopped and a new one came.
     */
    private static TestDriverHost hostFile(int i, String suffix, boolean changed) {
        TestDriverHost host = new TestDriverHost().cpus(2 + (i % 5) * 2).memoryMiB(4096 + 1024L * i)
                .pool("default-pool").network("default");
        for (int d = 0; d < 1 + i % 3; d++) {
            String name = String.format(Locale.ROOT, "zs%02d-run%d-%s", i, d, suffix);
            if (changed && d == 0) {
                host.shutOffDomain(name, 512, 1);
            } else {
                host.domain(name, 512, 1);
            }
        }
        if (i % 2 == 1) {
            host.shutOffDomain(String.format(Locale.ROOT, "zs%02d-off-%s", i, suffix), 1024, 2);
        }
        if (changed) {
            host.domain(String.format(Locale.ROOT, "zs%02d-new-%s", i, suffix), 256, 1);
        }
        return host;
    }

    private static void assertCell(ValidatableResponse status, Facts held) {
        status.statusCode(200)
                .body("alive", equalTo(true)).body("state", equalTo("connected")).body("since", nullValue())
                .body("instances.total", equalTo(held.states().size()))
                .body("instances.running", equalTo(held.running()))
                .body("instances.stopped", equalTo(held.stopped()))
                .body("instances.unknown", equalTo(0))
                .body("usage.cpus", equalTo(held.cpus()))
                .body("usage.cpus_used", equalTo(held.cpusUsed()))
                .body("usage.memory_mib", equalTo((int) held.memoryMib()))
                .body("usage.memory_used_mib", equalTo((int) held.memoryUsedMib()))
                .body("usage.memory_free_mib", equalTo((int) held.freeMemoryMib()))
                .body("usage.disk_bytes", hasToString(String.valueOf(held.diskBytes())))
                .body("usage.disk_used_bytes", hasToString(String.valueOf(held.diskUsedBytes())));
    }

    private static void assertPool(String pool, List<Facts> members, int alive, int unknown) {
        int running = members.stream().mapToInt(Facts::running).sum();
        int stopped = members.stream().mapToInt(Facts::stopped).sum();
        api().get("/api/computepools/" + pool + "/status").then().statusCode(200)
                .body("name", equalTo(pool)).body("enabled", equalTo(true))
                .body("cells.total", equalTo(members.size())).body("cells.alive", equalTo(alive))
                .body("instances.running", equalTo(running)).body("instances.stopped", equalTo(stopped))
                .body("instances.unknown", equalTo(unknown))
                .body("usage.cpus", equalTo(members.stream().mapToInt(Facts::cpus).sum()))
                .body("usage.cpus_used", equalTo(members.stream().mapToInt(Facts::cpusUsed).sum()))
                .body("usage.memory_mib", equalTo((int) members.stream().mapToLong(Facts::memoryMib).sum()))
                .body("usage.memory_used_mib", equalTo((int) members.stream().mapToLong(Facts::memoryUsedMib).sum()));
        api().get("/nano/compute_pool_status/" + pool).then().statusCode(200)
                .body("error_code", equalTo(0)).body("data.name", equalTo(pool))
                .body("data.instances", equalTo(List.of(stopped, running, unknown, 0)))
                .body("data.max_cpu", equalTo(members.stream().mapToInt(Facts::cpus).sum()))
                .body("data.max_memory", equalTo((int) members.stream().mapToLong(Facts::memoryMib).sum()))
                .body("data.available_memory", equalTo((int) members.stream().mapToLong(Facts::freeMemoryMib).sum()));
    }

    /** The zone's roll-up equals the sum of every registered host's status (ours and any other). */
    private static void assertZoneAddsUpItsHosts() {
        List<String> all = api().get("/api/hosts").then().statusCode(200).extract().jsonPath().getList("name");
        int alive = 0;
        int cpus = 0;
        long memory = 0;
        int total = 0;
        int unknown = 0;
        for (String host : all) {
            JsonPath status = api().get("/api/hosts/" + host + "/status").then().statusCode(200).extract().jsonPath();
            total += status.getInt("instances.total");
            unknown += status.getInt("instances.unknown");
            if (status.getBoolean("alive")) {
                alive++;
                cpus += status.getInt("usage.cpus");
                memory += status.getLong("usage.memory_mib");
            }
        }
        api().get("/api/zone/status").then().statusCode(200)
                .body("cells.total", equalTo(all.size())).body("cells.alive", equalTo(alive))
                .body("cells.down", equalTo(all.size() - alive))
                .body("instances.total", equalTo(total)).body("instances.unknown", equalTo(unknown))
                .body("usage.cpus", equalTo(cpus)).body("usage.memory_mib", equalTo((int) memory))
                .body("started", notNullValue());
        api().get("/nano/compute_zone_status/").then().statusCode(200)
                .body("data.name", equalTo("default"))
                .body("data.max_cpu", equalTo(cpus)).body("data.max_memory", equalTo((int) memory))
                .body("data.instances[2]", equalTo(unknown)).body("data.start_time", notNullValue());
    }

    /** The host of the pool that placement must choose: most free memory, then CPUs, then name. */
    private String best(String pool, Map<String, String> poolOf, Map<String, Facts> facts, List<String> excluded) {
        return hosts.stream().filter(host -> poolOf.get(host).equals(pool) && !excluded.contains(host))
                .min(Comparator.<String>comparingLong(host -> -facts.get(host).freeMemoryMib())
                        .thenComparingInt(host -> -(facts.get(host).cpus() - facts.get(host).cpusUsed()))
                        .thenComparing(Comparator.naturalOrder()))
                .orElseThrow();
    }

    private ValidatableResponse create(String name, String pool) {
        return api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"template\": \"/api/templates/"
                + template + "\", \"computepool\": \"" + pool + "\"}").post("/api/vms").then();
    }

    private static String hostUri(String name) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select uri from managed_host where name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
