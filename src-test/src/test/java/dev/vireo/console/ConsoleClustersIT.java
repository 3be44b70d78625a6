package dev.vireo.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.vireo.TestAccounts;
import dev.vireo.it.ClusterFixture;
import io.restassured.http.ContentType;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The clusters page: a cluster made in the browser goes to the database with its start order; a
 * member added, moved and removed there changes that order; start and stop of the whole show each
 * VM's outcome (a member gone out of band is named as failed while the others stop); a snapshot
 * set taken, reverted and deleted; the cluster deleted with its VMs left. A user who may only read
 * clusters sees them without any control that changes one.
 */
class ConsoleClustersIT extends ConsoleTestBase {

    private static final Duration TASK = Duration.ofSeconds(60);

    private final List<String> clusters = new ArrayList<>();
    private final List<String> vms = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    private String template;

    @Deployment(name = "vireo", testable = false)
    @TargetsContainer("vireo")
    static EnterpriseArchive deployment() {
        return ear();
    }

    @AfterEach
    void removeWhatTheTestMade() {
        clusters.forEach(cluster -> admin().delete("/api/clusters/" + cluster));
        vms.forEach(vm -> admin().delete("/api/vms/" + vm));
        if (template != null) {
            admin().delete("/api/templates/" + template);
        }
        users.forEach(user -> admin().delete("/api/users/" + user));
    }

    @Test
    void anOperatorBuildsAClusterStartsStopsSnapshotsAndDeletesIt() throws SQLException {
        String a = vm("a");
        String b = vm("b");
        String c = vm("c");
        String cluster = "web-" + suffix;
        clusters.add(cluster);
        browser = Browser.open(BASE);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.click(By.id("menu:clusters"));
        browser.awaitText(By.tagName("h1"), "Clusters");

        // a refusal of the service shows next to its field, and nothing is made
        browser.click(By.cssSelector("#new-cluster .ui-panel-titlebar-icon"));
        browser.awaitStill();
        browser.type("new-cluster:name", "bad name!");
        browser.click("new-cluster:create");
        browser.awaitText(By.cssSelector("#new-cluster .ui-message-error"), "NAME0001E");
        assertThat(membersInDatabase(cluster)).isNull();

        browser.type("new-cluster:name", cluster);
        browser.type("new-cluster:description", "the shop");
        browser.type("new-cluster:vms", a + ", " + b);
        browser.click("new-cluster:create");
        browser.awaitText(INFOS, "Cluster " + cluster + " created with 2 VMs");
        assertThat(membersInDatabase(cluster)).containsExactly(a, b);
        browser.awaitText(By.xpath(row(cluster)), "shutoff");
        browser.awaitText(By.id("detail"), "Cluster " + cluster);

        // a member added last, then moved up one place, then another taken out: the start order in the database follows
        browser.script("PF('addMember').selectValue(arguments[0]);", c);
        browser.awaitText(By.id("members:name_label"), c);
        browser.click("members:add");
        browser.awaitText(INFOS, c + " joins cluster " + cluster + " at position 3");
        assertThat(membersInDatabase(cluster)).containsExactly(a, b, c);
        browser.click(By.xpath(memberButton(c, "up")));
        browser.awaitText(INFOS, "Start order of " + cluster + ": " + a + ", " + c + ", " + b);
        assertThat(membersInDatabase(cluster)).containsExactly(a, c, b);

        // start: every VM runs, each one's outcome shows in its row
        browser.click(By.xpath(button(cluster, "start")));
        browser.awaitText(INFOS, "Cluster " + cluster + ": start started");
        browser.awaitText(By.xpath(row(cluster)), "start: finished");
        for (String vm : List.of(a, b, c)) {
            admin().get("/api/vms/" + vm).then().body("state", equalTo("running"));
            browser.awaitText(By.xpath(outcome(vm)), "running");
        }
        browser.awaitText(By.xpath(row(cluster)), "running");

        // a snapshot set of the running cluster
        browser.type("snapshots:name", "before");
        browser.click("snapshots:take");
        browser.awaitText(By.xpath(row(cluster)), "take snapshot set before: finished");
        browser.awaitText(By.id("detail:sets-table"), "before");
        admin().get("/api/clusters/" + cluster + "/snapshots/before").then().statusCode(200).body("vms.vm", contains(a, c, b));
        admin().get("/api/vms/" + a + "/snapshots/current").then().body("name", equalTo("before"));

        // stop: every VM shut off
        browser.click(By.xpath(button(cluster, "stop")));
        browser.awaitText(By.xpath(row(cluster)), "stop: finished");
        for (String vm : List.of(a, b, c)) {
            admin().get("/api/vms/" + vm).then().body("state", equalTo("shutoff"));
        }
        browser.awaitText(By.xpath(row(cluster)), "shutoff");

        // revert: each VM back to the running state its snapshot holds
        browser.click(By.xpath(setButton("before", "revert")));
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(By.xpath(row(cluster)), "revert to snapshot set before: finished");
        for (String vm : List.of(a, b, c)) {
            admin().get("/api/vms/" + vm).then().body("state", equalTo("running"));
        }
        browser.awaitText(By.xpath(row(cluster)), "running");

        // a member deleted out of band: the stop goes on past it and the page names it as failed
        admin().post("/api/vms/" + c + "/poweroff").then().statusCode(200);
        admin().delete("/api/vms/" + c).then().statusCode(204);
        browser.awaitText(By.xpath(memberRow(c)), "missing");
        browser.click(By.xpath(button(cluster, "stop")));
        browser.awaitText(By.xpath(row(cluster)), "stop: failed");
        browser.awaitText(By.xpath(outcome(c)), "failed: VMS0004E");
        browser.awaitText(By.xpath(outcome(a)), "shut down");
        admin().get("/api/vms/" + a).then().body("state", equalTo("shutoff"));
        admin().get("/api/vms/" + b).then().body("state", equalTo("shutoff"));
        browser.awaitStill();
        browser.screenshot("clusters-stop-partial");

        // the set deleted, then the gone member taken out, then the cluster deleted: its VMs stay
        browser.click(By.xpath(setButton("before", "delete-set")));
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(By.xpath(row(cluster)), "delete snapshot set before: finished");
        admin().get("/api/clusters/" + cluster + "/snapshots/before").then().statusCode(404);
        admin().get("/api/vms/" + a + "/snapshots").then().body("size()", equalTo(0));
        browser.click(By.xpath(memberButton(c, "remove")));
        browser.awaitText(INFOS, c + " left cluster " + cluster);
        assertThat(membersInDatabase(cluster)).containsExactly(a, b);
        browser.click(By.xpath(button(cluster, "delete")));
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(INFOS, "Cluster " + cluster + " deleted");
        assertThat(membersInDatabase(cluster)).isNull();
        admin().get("/api/vms/" + a).then().statusCode(200);
        assertThat(browser.driver.findElements(By.xpath(row(cluster)))).isEmpty();
    }

    @Test
    void aUserWhoMayOnlyReadClustersSeesNoControlThatChangesOne() {
        String a = vm("r");
        String cluster = "ro-" + suffix;
        clusters.add(cluster);
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + cluster + "\", \"vms\": [\"" + a + "\"]}")
                .post("/api/clusters").then().statusCode(201);
        String user = "u" + suffix;
        String password = "pw-" + suffix + "-clusters";
        admin().contentType(ContentType.JSON)
                .body("{\"name\": \"" + user + "\", \"password\": \"" + password + "\", \"groups\": [\"users\"]}")
                .post("/api/users").then().statusCode(201);
        users.add(user);
        // the VM is shared with the user, who sees its state; a VM the user may not see would show as missing
        admin().contentType(ContentType.JSON).body("{\"users\": [\"" + user + "\"]}").put("/api/vms/" + a).then().statusCode(200);

        browser = Browser.open(BASE);
        browser.signIn(user, password);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.click(By.id("menu:clusters"));
        browser.awaitText(By.tagName("h1"), "Clusters");
        browser.awaitText(By.xpath(row(cluster)), a + " · shutoff");
        assertThat(browser.driver.findElements(By.id("new-cluster"))).isEmpty();
        assertThat(browser.driver.findElements(By.xpath(button(cluster, "start")))).isEmpty();
        assertThat(browser.driver.findElements(By.xpath(button(cluster, "delete")))).isEmpty();
        browser.click(By.xpath(button(cluster, "show")));
        browser.awaitText(By.id("detail"), "Cluster " + cluster);
        assertThat(browser.driver.findElements(By.id("members"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("snapshots"))).isEmpty();
        assertThat(browser.driver.findElements(By.xpath(memberButton(a, "remove")))).isEmpty();
        browser.screenshot("clusters-read-only");

        // the service refuses a change from this user whatever the page shows
        TestAccounts.as(BASE, user, password).post("/api/clusters/" + cluster + "/start").then().statusCode(403);
    }

    /** A shut-off VM of a small template made for the test. */
    private String vm(String letter) {
        if (template == null) {
            template = "cl-tpl-" + suffix;
            admin().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                    + " \"memory\": {\"current\": 128}, \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                    .post("/api/templates").then().statusCode(201);
        }
        String vm = "cl-" + letter + "-" + suffix;
        String task = admin().contentType(ContentType.JSON)
                .body("{\"name\": \"" + vm + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        vms.add(vm);
        await().atMost(TASK).until(() -> !"running".equals(admin().get("/api/tasks/" + task).then().extract().path("status")));
        admin().get("/api/vms/" + vm).then().statusCode(200);
        return vm;
    }

    private static String row(String cluster) {
        return "//*[@id='clusters:table']//tr[td[.//strong[normalize-space()='" + cluster + "']]]";
    }

    /** The element of the cluster's row whose id ends in {@code :id}. */
    private static String button(String cluster, String id) {
        return row(cluster) + "//*[substring(@id, string-length(@id) - " + id.length() + ") = ':" + id + "']";
    }

    private static String memberRow(String vm) {
        return "//*[@id='detail:members-table']//tr[td[.//strong[normalize-space()='" + vm + "']]]";
    }

    /** The member's outcome in the last task started on the page. */
    private static String outcome(String vm) {
        return memberRow(vm) + "//*[contains(@class, 'vireo-member-outcome')]";
    }

    private static String memberButton(String vm, String id) {
        return memberRow(vm) + "//*[substring(@id, string-length(@id) - " + id.length() + ") = ':" + id + "']";
    }

    private static String setButton(String set, String id) {
        return "//*[@id='detail:sets-table']//tr[td[.//strong[normalize-space()='" + set + "']]]"
                + "//*[substring(@id, string-length(@id) - " + id.length() + ") = ':" + id + "']";
    }

    /** The cluster's members in start order as its rows say; null when there is no such cluster. */
    private static List<String> membersInDatabase(String cluster) throws SQLException {
        return admin().get("/api/clusters/" + cluster).statusCode() == 404 ? null : ClusterFixture.membersInDatabase(cluster);
    }
}
