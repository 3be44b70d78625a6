package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scheduled jobs through the API, with their state read back from the database: what the jobs
 * page shows, a disabled job that stops running, run now, a new schedule taking effect, refusals.
 * The jobs changed here are clean-ups that find nothing to remove on a test server; each test
 * puts every job back on its default schedule, enabled.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JobsIT {

    private static final List<String> BUILTIN = List.of("vm-stats", "host-stats", "host-monitor", "domain-resync",
            "metrics", "login-attempts", "session-expiry", "task-retention", "audit-retention", "job-run-retention",
            "vmpool-manager");

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @AfterEach
    void defaultsAgain() {
        for (Map<String, Object> job : api().get("/api/jobs").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("$")) {
            put((String) job.get("name"), "{\"enabled\": true, \"schedule\": \"" + job.get("default_schedule") + "\"}")
                    .then().statusCode(200);
        }
    }

    @Test
    void listsEveryJobWithItsScheduleItsNextAndItsLastRun() {
        api().get("/api/jobs").then().statusCode(200)
                .body("name", hasItems(BUILTIN.toArray(String[]::new)))
                .body("find { it.name == 'vm-stats' }.scope", equalTo("node"))
                .body("find { it.name == 'vm-stats' }.schedule", equalTo("every 5s"))
                .body("find { it.name == 'task-retention' }.scope", equalTo("cluster"))
                .body("find { it.name == 'task-retention' }.schedule", equalTo("every 1h"))
                .body("find { it.name == 'task-retention' }.enabled", equalTo(true))
                .body("find { it.name == 'task-retention' }.next_run", notNullValue());
        // the samplers run every five seconds from the start
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> job("vm-stats").get("last_run") != null);
        JsonPath sampler = api().get("/api/jobs/vm-stats").then().statusCode(200).extract().jsonPath();
        assertThat(sampler.getString("last_run.result")).isEqualTo("ok");
        assertThat(sampler.getString("last_run.node")).isNotBlank();
        assertThat(sampler.getLong("last_run.duration_ms")).isNotNegative();
        assertThat(sampler.getList("runs")).isNotEmpty();
        assertThat(sampler.getString("runs[0].started")).isEqualTo(sampler.getString("last_run.started"));
    }

    @Test
    void aDisabledJobStopsRunningAndItsLastRunStays() throws SQLException {
        put("session-expiry", "{\"schedule\": \"every 1s\"}").then().statusCode(200);
        String before = lastStarted("session-expiry");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !Objects.equals(before, lastStarted("session-expiry")));

        put("session-expiry", "{\"enabled\": false}").then().statusCode(200)
                .body("enabled", equalTo(false)).body("schedule", equalTo("every 1s")).body("next_run", nullValue());
        // a run claimed before the change may still be ending
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !(Boolean) job("session-expiry").get("running"));
        String stopped = lastStarted("session-expiry");
        int runs = runCount("session-expiry");

        // another job on the same schedule runs three times meanwhile: the runner went on
        put("audit-retention", "{\"schedule\": \"every 1s\"}").then().statusCode(200);
        String witness = lastStarted("audit-retention");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> runsAfter("audit-retention", witness) >= 3);

        assertThat(lastStarted("session-expiry")).isEqualTo(stopped);
        assertThat(runCount("session-expiry")).isEqualTo(runs);
        assertThat(settings("session-expiry")).isEqualTo(Map.of("enabled", false, "schedule", "every 1s"));
        assertThat(nextDue("session-expiry")).isNull();
    }

    @Test
    void runNowRecordsARunEvenOfADisabledJobAndIsAudited() throws SQLException {
        put("task-retention", "{\"enabled\": false}").then().statusCode(200);
        String before = lastStarted("task-retention");
        int runs = runCount("task-retention");

        api().post("/api/jobs/task-retention/run").then().statusCode(202)
                .header("Location", containsString("/api/jobs/task-retention")).body("name", equalTo("task-retention"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runCount("task-retention") > runs
                && !(Boolean) job("task-retention").get("running"));

        JsonPath job = api().get("/api/jobs/task-retention").then().statusCode(200).extract().jsonPath();
        assertThat(job.getString("last_run.started")).isNotEqualTo(before);
        assertThat(job.getString("last_run.result")).isEqualTo("ok");
        assertThat(job.getString("last_run.message")).startsWith("removed ").contains("task(s) that ended over 30d ago");
        assertThat(job.getBoolean("enabled")).isFalse();
        assertThat(job.getString("next_run")).isNull();
        assertThat(runCount("task-retention")).isEqualTo(runs + 1);
        api().get("/api/logs?action=job.run&limit=1").then().statusCode(200)
                .body("[0].target", equalTo("task-retention")).body("[0].result", equalTo("ok"));
    }

    @Test
    void aNewScheduleTakesEffectAndIsKeptInTheDatabase() throws SQLException {
        put("job-run-retention", "{\"schedule\": \"every 1h\"}").then().statusCode(200);
        String before = lastStarted("job-run-retention");
        Instant asked = Instant.now();

        // written loosely, kept in its shortest form
        JsonPath changed = put("job-run-retention", "{\"schedule\": \" Every 60 S \"}").then().statusCode(200)
                .body("schedule", equalTo("every 1m")).extract().jsonPath();
        assertThat(Instant.parse(changed.getString("next_run"))).isBefore(asked.plus(Duration.ofMinutes(2)));
        assertThat(settings("job-run-retention")).isEqualTo(Map.of("enabled", true, "schedule", "every 1m"));

        put("job-run-retention", "{\"schedule\": \"every 2s\"}").then().statusCode(200).body("schedule", equalTo("every 2s"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> runsAfter("job-run-retention", before) >= 2);
        assertThat(settings("job-run-retention")).isEqualTo(Map.of("enabled", true, "schedule", "every 2s"));
        assertThat(api().get("/api/logs?action=job.update&limit=1").then().statusCode(200).extract().jsonPath()
                .getString("[0].target")).isEqualTo("job-run-retention");
    }

    @Test
    void badSchedulesAreRefusedNamingTheAcceptedFormAndChangeNothing() throws SQLException {
        put("task-retention", "{\"schedule\": \"daily 03:30\"}").then().statusCode(200);
        Map<String, Object> kept = settings("task-retention");
        String next = nextDue("task-retention");

        for (String bad : List.of("never", "every 0s", "every 31d", "every 5", "*/5 * * * *", "daily 24:00", "", " ",
                "x".repeat(1000))) {
            put("task-retention", "{\"enabled\": false, \"schedule\": \"" + bad + "\"}").then().statusCode(400)
                    .body("code", equalTo("JOB0002E"))
                    .body("reason", containsString("use 'every N' with N a whole number followed by s, m, h or d"))
                    .body("reason", containsString("'daily HH:MM' in UTC"));
        }
        put("task-retention", "{\"schedule\": \"" + "x".repeat(5000) + "\"}").then().statusCode(400)
                .body("code", equalTo("API0011E"));
        put("task-retention", "{}").then().statusCode(400).body("code", equalTo("JOB0003E"));
        put("task-retention", "{\"enabled\": \"yes\"}").then().statusCode(400);
        put("task-retention", "{\"schedule\": 5}").then().statusCode(400);
        put("task-retention", "{\"schedule\": \"every 5s\", \"when\": \"now\"}").then().statusCode(400)
                .body("code", equalTo("API0003E"));
        api().contentType(ContentType.JSON).body("{\"force\": true}").post("/api/jobs/task-retention/run").then()
                .statusCode(400).body("code", equalTo("API0003E"));

        api().get("/api/jobs/task-retention").then().statusCode(200)
                .body("enabled", equalTo(true)).body("schedule", equalTo("daily 03:30"));
        assertThat(settings("task-retention")).isEqualTo(kept);
        assertThat(nextDue("task-retention")).isEqualTo(next);
    }

    @Test
    void anUnknownJobIsA404() {
        api().get("/api/jobs/no-such-job").then().statusCode(404)
                .body("code", equalTo("JOB0001E")).body("reason", equalTo("Job no-such-job does not exist"));
        put("no-such-job", "{\"enabled\": false}").then().statusCode(404).body("code", equalTo("JOB0001E"));
        api().post("/api/jobs/no-such-job/run").then().statusCode(404).body("code", equalTo("JOB0001E"));
    }

    private static io.restassured.response.Response put(String job, String body) {
        return api().contentType(ContentType.JSON).body(body).put("/api/jobs/" + job);
    }

    private static Map<String, Object> job(String name) {
        return api().get("/api/jobs/" + name).then().statusCode(200).extract().jsonPath().getMap("$");
    }

    private static String lastStarted(String name) {
        return api().get("/api/jobs/" + name).then().statusCode(200).extract().jsonPath().getString("last_run.started");
    }

    /** How many of the job's shown runs started after {@code started} (null: all of them). */
    private static long runsAfter(String name, String started) {
        return api().get("/api/jobs/" + name).then().statusCode(200).extract().jsonPath().<String>getList("runs.started")
                .stream().filter(run -> started == null || Instant.parse(run).isAfter(Instant.parse(started))).count();
    }

    private static int runCount(String name) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select count(*) from job_run where job = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Map<String, Object> settings(String name) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select enabled, schedule from job where name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("row of job %s", name).isTrue();
                return Map.of("enabled", rows.getBoolean(1), "schedule", rows.getString(2));
            }
        }
    }

    /** The job's next due time on the server's claim (a cluster job has one), as the database keeps it. */
    private static String nextDue(String name) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select next_due from job_claim where job = ? and holder = '*'")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("claim of job %s", name).isTrue();
                Object due = rows.getObject(1);
                return due == null ? null : due.toString();
            }
        }
    }
}
