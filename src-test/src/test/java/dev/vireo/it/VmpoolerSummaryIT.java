package dev.vireo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * vmpooler's {@code /summary} over days long past: the pool events of two days are written into
 * the database as the manager records them, and the summary of those days (and the empty one
 * before) must add them up exactly, overall and day by day, section by section; bad dates are 400.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VmpoolerSummaryIT {

    private static final String SUMMARY = "/vmpooler/api/v1/summary";

    private String poolOne;
    private String poolTwo;
    private LocalDate day;
    private long firstId;
    private int recorded;
    private String range;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.earWithTaskProbe();
    }

    @BeforeEach
    void twoDaysOfEvents() throws SQLException {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        poolOne = "sum1-" + suffix;
        poolTwo = "sum2-" + suffix;
        // a day no pool lived on: nothing else was recorded then
        day = LocalDate.of(1990, 1, 2).plusDays(ThreadLocalRandom.current().nextInt(7000));
        firstId = -ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
        range = "?from=" + day.minusDays(1) + "&to=" + day.plusDays(1);
        LocalDate next = day.plusDays(1);
        try (Connection db = Vireo.database()) {
            event(db, poolOne, "h1", "CLONED", day, 2000L, "t");
            event(db, poolOne, "h2", "CLONED", day, 4000L, "t");
            event(db, poolOne, "h1", "READY", day, 10000L, null);
            event(db, poolOne, "h1", "CHECKED_OUT", day, null, "admin");
            event(db, poolOne, "h2", "CHECKED_OUT", day, null, "admin");
            event(db, poolTwo, "h3", "CHECKED_OUT", day, null, "admin");
            event(db, poolOne, "h1", "TAGGED", day, null, "user=ann");
            // tagged again with the same key: the VM counts once, with its last value
            event(db, poolOne, "h1", "TAGGED", day, null, "user=bob");
            event(db, poolOne, "h2", "TAGGED", day, null, "user=ann");
            event(db, poolOne, "h2", "TAGGED", day, null, "dept=a,b=c");
            // recorded, but not summed: a failed clone's duration is no clone time
            event(db, poolOne, "h4", "FAILED", day, 99000L, "broken");
            event(db, poolTwo, "h5", "CLONED", next, 6000L, "t");
            event(db, poolTwo, "h5", "READY", next, 20000L, null);
            event(db, poolTwo, "h6", "READY", next, 30000L, null);
            event(db, poolTwo, "h5", "CHECKED_OUT", next, null, "admin");
            event(db, poolTwo, "h5", "TAGGED", next, null, "user=ann");
        }
    }

    @AfterEach
    void removeThem() throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement delete = db.prepareStatement("delete from pool_event where pool in (?, ?)")) {
            delete.setString(1, poolOne);
            delete.setString(2, poolTwo);
            delete.executeUpdate();
        }
    }

    private void event(Connection db, String pool, String hostname, String kind, LocalDate on, Long millis,
                              String detail) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into pool_event (id, pool, hostname, kind, time,"
                + " duration_ms, detail) values (?, ?, ?, ?, ?, ?, ?)")) {
            // below the sequence's ids, so that no id the server hands out collides; in the order written
            insert.setLong(1, firstId + recorded);
            insert.setString(2, pool);
            insert.setString(3, hostname);
            insert.setString(4, kind);
            insert.setObject(5, OffsetDateTime.of(on.atTime(12, 0).plusSeconds(recorded++), ZoneOffset.UTC));
            insert.setObject(6, millis);
            insert.setString(7, detail);
            insert.executeUpdate();
        }
    }

    @Test
    void addsUpTheRangeAndEachDay() {
        JsonPath summary = Vireo.api().get(SUMMARY + range).then().statusCode(200)
                .body("keySet()", contains("boot", "clone", "checkout", "tag", "daily"))
                .body("daily.date", contains(day.minusDays(1).toString(), day.toString(), day.plusDays(1).toString()))
                .extract().jsonPath();
        assertThat(figures(summary, "clone.duration")).containsExactly(4.0, 2.0, 6.0, 12.0);
        assertThat(figures(summary, "boot.duration")).containsExactly(20.0, 10.0, 30.0, 60.0);
        assertThat(figures(summary, "clone.count")).containsExactly(1.0, 0.0, 2.0, 3.0);
        assertThat(figures(summary, "boot.count")).containsExactly(1.0, 0.0, 2.0, 3.0);
        assertThat(figures(summary, "checkout.count")).containsExactly(1.33, 0.0, 3.0, 4.0);
        assertThat(summary.getMap("checkout.pool")).isEqualTo(Map.of(poolOne, 2, poolTwo, 2));
        assertThat(summary.getMap("tag.user")).isEqualTo(Map.of("ann", 2, "bob", 1, "total", 3));
        assertThat(summary.getMap("tag.dept")).isEqualTo(Map.of("a,b=c", 1, "total", 1));

        // the day before: all zeros, no tags
        assertThat(figures(summary, "daily[0].clone.duration")).containsExactly(0.0, 0.0, 0.0, 0.0);
        assertThat(summary.getInt("daily[0].boot.count.total")).isZero();
        assertThat(summary.getMap("daily[0].tag")).isEmpty();
        assertThat(summary.getMap("daily[0].checkout.pool")).isEmpty();
        // the first day of events
        assertThat(figures(summary, "daily[1].clone.duration")).containsExactly(3.0, 2.0, 4.0, 6.0);
        assertThat(summary.getMap("daily[1].clone.count")).isEqualTo(Map.of("total", 2));
        assertThat(figures(summary, "daily[1].boot.duration")).containsExactly(10.0, 10.0, 10.0, 10.0);
        assertThat(summary.getMap("daily[1].checkout.pool")).isEqualTo(Map.of(poolOne, 2, poolTwo, 1));
        assertThat(summary.getInt("daily[1].checkout.count.total")).isEqualTo(3);
        assertThat(summary.getMap("daily[1].tag.user")).isEqualTo(Map.of("ann", 1, "bob", 1, "total", 2));
        // the second
        assertThat(figures(summary, "daily[2].boot.duration")).containsExactly(25.0, 20.0, 30.0, 50.0);
        assertThat(summary.getMap("daily[2].tag")).isEqualTo(Map.of("user", Map.of("ann", 1, "total", 1)));
    }

    @Test
    void oneDayIsFromAndToAlike() {
        JsonPath summary = Vireo.api().get(SUMMARY + "?from=" + day + "&to=" + day).then().statusCode(200)
                .body("daily.date", contains(day.toString())).extract().jsonPath();
        assertThat(figures(summary, "clone.count")).containsExactly(2.0, 2.0, 2.0, 2.0);
        // left out, a date is today: a summary of today alone
        Vireo.api().get(SUMMARY).then().statusCode(200)
                .body("daily.date", contains(LocalDate.now(ZoneOffset.UTC).toString()));
    }

    @Test
    void aSectionAndAnEntryOfIt() {
        Vireo.api().get(SUMMARY + "/boot" + range).then().statusCode(200)
                .body("keySet()", contains("boot", "daily"))
                .body("boot.count.total", equalTo(3))
                .body("daily[1].keySet()", contains("date", "boot"))
                .body("daily[2].boot.count.total", equalTo(2));
        Vireo.api().get(SUMMARY + "/clone/duration" + range).then().statusCode(200)
                .body("keySet()", contains("clone", "daily"))
                .body("clone.keySet()", contains("duration"))
                .body("daily[1].clone.keySet()", contains("duration"));
        JsonPath user = Vireo.api().get(SUMMARY + "/tag/user" + range).then().statusCode(200)
                .body("tag.keySet()", contains("user")).extract().jsonPath();
        assertThat(user.getMap("tag.user")).isEqualTo(Map.of("ann", 2, "bob", 1, "total", 3));
        assertThat(user.getMap("daily[0].tag.user")).isEmpty();
        assertThat(user.getMap("daily[1].tag.user")).isEqualTo(Map.of("ann", 1, "bob", 1, "total", 2));
        JsonPath none = Vireo.api().get(SUMMARY + "/tag/created_by" + range).then().statusCode(200).extract().jsonPath();
        assertThat(none.getMap("tag.created_by")).isEmpty();
        JsonPath checkouts = Vireo.api().get(SUMMARY + "/checkout/pool" + range).then().statusCode(200).extract().jsonPath();
        assertThat(checkouts.getMap("checkout.pool")).isEqualTo(Map.of(poolOne, 2, poolTwo, 2));
        assertThat(checkouts.getMap("daily[2].checkout.pool")).isEqualTo(Map.of(poolTwo, 1));
    }

    @Test
    void badDatesAndSectionsAreRefused() {
        for (String query : List.of("?from=2015-13-01", "?from=yesterday", "?to=2015-3-1", "?from=2015-03-10T00:00")) {
            Vireo.api().get(SUMMARY + query).then().statusCode(400).body("ok", equalTo(false))
                    .body("code", equalTo("VMP0011E"));
        }
        Vireo.api().get(SUMMARY + "?from=2015-03-11&to=2015-03-10").then().statusCode(400)
                .body("code", equalTo("VMP0012E"));
        Vireo.api().get(SUMMARY + "/boot?from=" + LocalDate.now(ZoneOffset.UTC).plusDays(1)).then().statusCode(400)
                .body("code", equalTo("VMP0012E"));
        Vireo.api().get(SUMMARY + "?from=1990-01-01&to=2020-01-01").then().statusCode(400)
                .body("code", equalTo("VMP0013E"));
        Vireo.api().get(SUMMARY + "/nonsense" + range).then().statusCode(404).body("code", equalTo("VMP0014E"));
        Vireo.api().get(SUMMARY + "/boot/nonsense" + range).then().statusCode(404).body("code", equalTo("VMP0014E"));
        Vireo.api().get(SUMMARY + "/nonsense/user" + range).then().statusCode(404).body("code", equalTo("VMP0014E"));
        Vireo.anonymous().get(SUMMARY + range).then().statusCode(401);
    }

    /** average, min, max and total under the path. */
    private static List<Double> figures(JsonPath summary, String path) {
        return List.of(summary.getDouble(path + ".average"), summary.getDouble(path + ".min"),
                summary.getDouble(path + ".max"), summary.getDouble(path + ".total"));
    }
}
