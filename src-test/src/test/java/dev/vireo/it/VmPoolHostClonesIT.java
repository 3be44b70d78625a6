package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clones in flight per host: two VM pools filling on one host of 2 CPUs (one pool names the host,
 * the other its compute pool) never have more than two clones in flight there together, as their
 * recorded clone events show, and the host's two slots are shared between the pools.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VmPoolHostClonesIT {

    private static final Duration FILL = Duration.ofSeconds(120);

    @RegisterExtension
    final ZoneFixture zone = new ZoneFixture("hclones-", "hclones-tpl-");

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    /** A clone's start or its end (ready or failed), as the pool recorded it. */
    private record Event(String pool, String vm, boolean start) {
    }

    @Test
    void twoPoolsOnAHostOfTwoCpusNeverCloneMoreThanTwoAtOnceThereAndShareItsSlots() throws Exception {
        String host = zone.register("small", new TestDriverHost().cpus(2).memoryMiB(65536));
        String named = "hc-host-" + zone.suffix();
        String placed = "hc-cpool-" + zone.suffix();
        VmPoolIT.managerEnabled(false);
        try {
            // a round that began before it was disabled could see only the first pool
            await().atMost(Duration.ofSeconds(60)).until(() -> !api().get("/api/jobs/vmpool-manager").then().statusCode(200)
                    .extract().<Boolean>path("running"));
            // both pools exist before the manager's next round: it sees eight clones wanted at once
            createPool(named, ", \"host\": \"" + host + "\"");
            createPool(placed, ", \"computepool\": \"" + zone.pool() + "\"");
            VmPoolIT.managerEnabled(true);
            await().atMost(FILL).until(() -> ready(named) == 4 && ready(placed) == 4);

            try (Connection db = Vireo.database()) {
                // every VM of both pools runs on the small host
                assertThat(count(db, "select count(*) from pool_vm v join vm_pool p on v.pool_id = p.id"
                        + " where p.name in (?, ?) and v.state = 'READY' and v.host = ?", named, placed, host)).isEqualTo(8);
                List<Event> events = cloneEvents(db, named, placed);
                assertThat(events.stream().filter(Event::start).count()).as("clones started").isGreaterThanOrEqualTo(8);
                int most = 0;
                Set<String> open = new HashSet<>();
                for (Event event : events) {
                    if (event.start()) {
                        open.add(event.vm());
                    } else {
                        open.remove(event.vm());
                    }
                    most = Math.max(most, open.size());
                }
                assertThat(most).as("clones in flight on %s at once, of both pools", host).isEqualTo(2);
                // the host's two slots went one to each pool, not both to the first pool
                assertThat(events.stream().filter(Event::start).limit(2).map(Event::pool).toList())
                        .containsExactlyInAnyOrder(named, placed);
            }
        } finally {
            VmPoolIT.managerEnabled(true);
            for (String pool : List.of(named, placed)) {
                api().delete("/api/vmpools/" + pool);
            }
        }
    }

    private void createPool(String name, String more) {
        api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"template\": \"" + zone.template()
                + "\", \"size\": 4" + more + "}").post("/api/vmpools").then().statusCode(201);
    }

    private static int ready(String pool) {
        Integer ready = api().get("/api/vmpools/" + pool).then().extract().path("ready");
        return ready == null ? -1 : ready;
    }

    /**
     * The pools' clone starts and ends in the order they happened: a clone is in flight from its
     * CLONE_STARTED until its READY (or FAILED); at one instant an end comes before a start.
     */
    private static List<Event> cloneEvents(Connection db, String first, String second) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement("select pool, hostname, kind from pool_event"
                + " where pool in (?, ?) and kind in ('CLONE_STARTED', 'READY', 'FAILED')"
                + " order by time, case when kind = 'CLONE_STARTED' then 1 else 0 end, id")) {
            statement.setString(1, first);
            statement.setString(2, second);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(new Event(rows.getString(1), rows.getString(2), "CLONE_STARTED".equals(rows.getString(3))));
                }
            }
        }
        return events;
    }

    private static int count(Connection db, String sql, Object... parameters) throws SQLException {
        return VmPoolIT.count(db, sql, parameters);
    }
}
