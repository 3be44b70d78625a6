package dev.vireo.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Objects;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The jobs page: each job's schedule and last run; disable, enable, run now and re-schedule one, as the API then shows. */
class ConsoleJobsIT extends ConsoleTestBase {

    private static final String JOB = "session-expiry";

    @Deployment(name = "vireo", testable = false)
    @TargetsContainer("vireo")
    static EnterpriseArchive deployment() {
        return ear();
    }

    @AfterEach
    void defaultsAgain() {
        admin().contentType(ContentType.JSON).body("{\"enabled\": true, \"schedule\": \"every 10m\"}").put("/api/jobs/" + JOB)
                .then().statusCode(200);
    }

    @Test
    void anOperatorDisablesRunsAndReschedulesAJob() {
        browser = Browser.open(BASE);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.click(By.id("menu:jobs"));
        browser.awaitText(By.tagName("h1"), "Jobs");
        browser.awaitText(By.xpath(row(JOB)), "every 10m");
        browser.awaitText(By.xpath(row("vm-stats")), "every 5s");

        browser.click(By.xpath(button(JOB, "disable")));
        browser.awaitText(INFOS, "Job " + JOB + " disabled");
        browser.awaitText(By.xpath(row(JOB)), "disabled");
        admin().get("/api/jobs/" + JOB).then().statusCode(200).body("enabled", equalTo(false));

        String before = lastStarted();
        browser.click(By.xpath(button(JOB, "run")));
        browser.awaitText(INFOS, "Job " + JOB + " runs within seconds");
        await().atMost(Duration.ofSeconds(30)).until(() -> !Objects.equals(before, lastStarted()));
        browser.awaitText(By.xpath(row(JOB)), "removed ");

        browser.click(By.xpath(button(JOB, "enable")));
        browser.awaitText(INFOS, "Job " + JOB + " enabled");
        admin().get("/api/jobs/" + JOB).then().statusCode(200).body("enabled", equalTo(true));

        browser.click(By.xpath(button(JOB, "runs")));
        browser.awaitText(By.id("jobs:runs"), "Last runs of " + JOB);
        browser.awaitText(By.id("jobs:runs"), "ok");
        browser.type("schedule-form:schedule", "never");
        browser.click("schedule-form:save");
        browser.awaitText(ERRORS, "JOB0002E");
        admin().get("/api/jobs/" + JOB).then().statusCode(200).body("schedule", equalTo("every 10m"));

        browser.type("schedule-form:schedule", "daily 04:15");
        browser.click("schedule-form:save");
        browser.awaitText(INFOS, "Job " + JOB + " now runs daily 04:15");
        browser.awaitText(By.xpath(row(JOB)), "daily 04:15");
        admin().get("/api/jobs/" + JOB).then().statusCode(200).body("schedule", equalTo("daily 04:15"));
        assertThat(browser.text()).contains("task-retention", "audit-retention", "host-monitor");
    }

    private static String lastStarted() {
        return admin().get("/api/jobs/" + JOB).then().statusCode(200).extract().jsonPath().getString("last_run.started");
    }

    private static String row(String job) {
        return "//*[@id='jobs:table']//tr[td[.//strong[normalize-space()='" + job + "']]]";
    }

    private static String button(String job, String id) {
        return row(job) + "//*[substring(@id, string-length(@id) - " + id.length() + ") = ':" + id + "']";
    }
}
