package dev.vireo.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vireo.TestAccounts;
import dev.vireo.it.Vireo;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * The VM pools page: a pool made in the browser fills up before one's eyes, a new size typed into
 * its row goes to the database and the pool refills to it, a refused size changes nothing, a
 * pool's VMs with their holder and tags, reset and delete after a confirmation; a user who may
 * only read pools sees them without any control that changes one.
 */
class ConsoleVmPoolsIT extends ConsoleTestBase {

    private static final Duration FILL = Duration.ofSeconds(90);

    private final List<String> pools = new ArrayList<>();
    private final List<String> templates = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();

    @Deployment(name = "vireo", testable = false)
    @TargetsContainer("vireo")
    static EnterpriseArchive deployment() {
        return ear();
    }

    @AfterEach
    void removeWhatTheTestMade() {
        for (String pool : pools) {
            List<String> checkedOut = admin().get("/api/vmpools/" + pool + "/vms").then().extract().jsonPath()
                    .getList("findAll { it.state == 'running' }.hostname");
            for (String hostname : checkedOut == null ? List.<String>of() : checkedOut) {
                admin().delete("/vmpooler/api/v1/vm/" + hostname);
            }
            admin().delete("/api/vmpools/" + pool);
        }
        templates.forEach(template -> admin().delete("/api/templates/" + template));
        users.forEach(user -> admin().delete("/api/users/" + user));
        groups.forEach(group -> admin().delete("/api/user_groups/" + group));
        roles.forEach(role -> admin().delete("/api/roles/" + role));
    }

    @Test
    void anOperatorWatchesAPoolFillResizesResetsAndDeletesIt() throws SQLException {
        String template = template("gold");
        String pool = "ci-" + suffix;
        pools.add(pool);
        browser = Browser.open(BASE);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.click(By.id("menu:vmpools"));
        browser.awaitText(By.tagName("h1"), "VM pools");

        // a refusal of the service shows next to its field, and nothing is made
        browser.click(By.cssSelector("#new-pool .ui-panel-titlebar-icon"));
        browser.awaitStill();
        browser.type("new-pool:name", pool);
        browser.click("new-pool:create");
        browser.awaitText(By.cssSelector("#new-pool .ui-message-error"), "API0010E");
        admin().get("/api/vmpools/" + pool).then().statusCode(404);

        browser.script("PF('newPoolTemplate').selectValue(arguments[0]);", template);
        browser.awaitText(By.id("new-pool:template_label"), template);
        browser.type("new-pool:size_input", "2");
        browser.type("new-pool:default_lifetime_input", "2");
        browser.click("new-pool:create");
        browser.awaitText(INFOS, "VM pool " + pool + " created: it fills to 2 ready VMs");
        admin().get("/api/vmpools/" + pool).then().statusCode(200).body("size", equalTo(2))
                .body("default_lifetime", equalTo(2)).body("template", equalTo(template));

        // the page follows the manager: the ready bar fills to the size
        browser.awaitText(By.xpath(row(pool)), "Ready: 2 of 2");
        assertThat(bar(pool, "ready")).isEqualTo("100");
        awaitReadyInDatabase(pool, 2);

        // a size the service refuses is its message; the row stays open and nothing changed
        browser.click(By.xpath(row(pool) + "//*[contains(@class, 'ui-row-editor-pencil')]"));
        browser.type(rowFieldId(pool, "size"), "1000");
        browser.click(By.xpath(row(pool) + "//*[contains(@class, 'ui-row-editor-check')]"));
        browser.awaitText(ERRORS, "API0002E");
        assertThat(sizeInDatabase(pool)).isEqualTo(2);

        // a size it takes goes to the database, and the pool refills to it
        browser.type(rowFieldId(pool, "size"), "3");
        browser.click(By.xpath(row(pool) + "//*[contains(@class, 'ui-row-editor-check')]"));
        browser.awaitText(INFOS, "VM pool " + pool + " now keeps 3 ready of template " + template);
        assertThat(sizeInDatabase(pool)).isEqualTo(3);
        browser.awaitText(By.xpath(row(pool)), "Ready: 3 of 3");
        awaitReadyInDatabase(pool, 3);
        assertThat(bar(pool, "ready")).isEqualTo("100");

        // a new template chosen in the row: it is in the database, and the ready VMs are clones of it
        String other = template("silver");
        browser.go("/console/vmpools.xhtml");
        browser.click(By.xpath(row(pool) + "//*[contains(@class, 'ui-row-editor-pencil')]"));
        String menu = rowFieldId(pool, "template");
        browser.script("PrimeFaces.widgets['widget_' + arguments[0].replace(/:/g, '_')].selectValue(arguments[1]);", menu, other);
        browser.awaitText(By.id(menu + "_label"), other);
        browser.click(By.xpath(row(pool) + "//*[contains(@class, 'ui-row-editor-check')]"));
        browser.awaitText(INFOS, "VM pool " + pool + " now keeps 3 ready of template " + other + ": its ready VMs are replaced");
        assertThat(templateInDatabase(pool)).isEqualTo(other);
        await().atMost(FILL).until(() -> admin().get("/api/vmpools/" + pool + "/vms").then().extract().jsonPath()
                .<String>getList("findAll { it.state == 'ready' && it.template == '" + other + "' }.hostname").size() == 3);
        browser.awaitText(By.xpath(row(pool)), "Ready: 3 of 3");
        assertThat(browser.driver.findElement(By.xpath(row(pool))).getText()).contains(other);

        // a checked-out VM shows with its holder, lifetime and tags among the pool's VMs
        String token = admin().post("/vmpooler/api/v1/token").then().statusCode(200).extract().path("token");
        String taken = given(token).post("/vmpooler/api/v1/vm/" + pool).then().statusCode(200)
                .extract().path("'" + pool + "'.hostname");
        given(token).contentType(ContentType.JSON).body("{\"tags\": {\"job\": \"build-42\"}}")
                .put("/vmpooler/api/v1/vm/" + taken).then().statusCode(200);
        browser.awaitText(By.xpath(row(pool)), "Checked out: 1");
        browser.click(By.xpath(button(pool, "show-vms")));
        browser.awaitText(By.id("pools:vms"), "VMs of " + pool);
        browser.awaitText(By.xpath("//*[@id='pools:vms-table']//tr[td[normalize-space()='" + taken + "']]"),
                "checked out");
        String takenRow = browser.driver.findElement(
                By.xpath("//*[@id='pools:vms-table']//tr[td[normalize-space()='" + taken + "']]")).getText();
        assertThat(takenRow).contains(TestAccounts.ADMIN, "job=build-42", "2 h").containsPattern("[12] h [0-9]+ min");
        browser.awaitText(By.xpath(row(pool)), "Ready: 3 of 3");
        List<String> ready = readyHostnames(pool);
        for (String hostname : ready) {
            browser.awaitText(By.id("pools:vms-table"), hostname);
        }

        browser.screenshot("vmpools-filled");

        // the duration chart counts the clones and boots the events recorded (a page opened now shows them)
        browser.go("/console/vmpools.xhtml");
        browser.awaitText(By.xpath(row(pool)), "Ready: 3 of 3");
        assertThat(browser.driver.findElement(By.id("durations:totals")).getText())
                .containsPattern("[1-9][0-9]* clones \\(average [0-9.]+ s").containsPattern("[1-9][0-9]* boots to ready");
        browser.script("arguments[0].scrollIntoView()", browser.driver.findElement(By.id("durations")));
        browser.screenshot("vmpools-durations");

        // reset: after the confirmation the ready VMs are replaced by new ones
        browser.click(By.xpath(button(pool, "reset")));
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(INFOS, "VM pool " + pool + " reset");
        await().atMost(FILL).until(() -> {
            List<String> now = readyHostnames(pool);
            return now.size() == 3 && now.stream().noneMatch(ready::contains);
        });
        browser.awaitText(By.xpath(row(pool)), "Ready: 3 of 3");

        // delete: refused while a VM is checked out, done once it is given back
        browser.click(By.xpath(button(pool, "delete")));
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(ERRORS, "VMP0006E");
        admin().get("/api/vmpools/" + pool).then().statusCode(200);
        given(token).delete("/vmpooler/api/v1/vm/" + taken).then().statusCode(200);
        browser.click(By.xpath(button(pool, "delete")));
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(INFOS, "VM pool " + pool + " deleted");
        admin().get("/api/vmpools/" + pool).then().statusCode(404);
        assertThat(browser.driver.findElements(By.xpath(row(pool)))).isEmpty();
    }

    @Test
    void aUserWhoMayOnlyReadPoolsSeesNoControlThatChangesOne() {
        String template = template("read");
        String pool = "ro-" + suffix;
        pools.add(pool);
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + pool + "\", \"template\": \"" + template
                + "\", \"size\": 1}").post("/api/vmpools").then().statusCode(201);
        String user = "u" + suffix;
        String password = "pw-" + suffix + "-pools";
        admin().contentType(ContentType.JSON)
                .body("{\"name\": \"" + user + "\", \"password\": \"" + password + "\", \"groups\": [\"users\"]}")
                .post("/api/users").then().statusCode(201);
        users.add(user);

        browser = Browser.open(BASE);
        browser.signIn(user, password);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.click(By.id("menu:vmpools"));
        browser.awaitText(By.tagName("h1"), "VM pools");
        browser.awaitText(By.xpath(row(pool)), "Ready: 1 of 1");
        assertThat(browser.driver.findElements(By.id("new-pool"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("#pools .ui-row-editor"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("#pools input:not([type=hidden]), #pools select"))).isEmpty();
        assertThat(browser.driver.findElements(By.xpath("//*[@id='pools:table']//*[substring(@id, string-length(@id) - 5) = ':reset'"
                + " or substring(@id, string-length(@id) - 6) = ':delete']"))).isEmpty();
        // what it may do: see the pool's VMs
        browser.click(By.xpath(button(pool, "show-vms")));
        browser.awaitText(By.id("pools:vms"), "VMs of " + pool);
        browser.awaitText(By.id("pools:vms-table"), "ready");
        browser.screenshot("vmpools-read-only");

        // a user whose roles do not give vmpool.read has no menu entry, and the page shows no pool
        String role = "novmpool-" + suffix;
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + role + "\", \"permissions\": [\"vm.read\"]}")
                .post("/api/roles").then().statusCode(201);
        roles.add(role);
        String group = "novmpool-" + suffix;
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + group + "\", \"display\": \"No pools\", \"role\": [\""
                + role + "\"]}").post("/api/user_groups").then().statusCode(201);
        groups.add(group);
        String outsider = "o" + suffix;
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + outsider + "\", \"password\": \"" + password
                + "\", \"groups\": [\"" + group + "\"]}").post("/api/users").then().statusCode(201);
        users.add(0, outsider);
        browser.click(By.id("menu:sign-out"));
        browser.awaitText(By.tagName("body"), "You signed out.");
        browser.signIn(outsider, password);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        assertThat(browser.driver.findElements(By.id("menu:vmpools"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("menu:vms"))).isNotEmpty();
        browser.go("/console/vmpools.xhtml");
        browser.awaitText(By.id("not-allowed"), "vmpool.read");
        assertThat(browser.text()).doesNotContain(pool);

        // the service refuses a change from this user whatever the page shows
        TestAccounts.as(BASE, user, password).contentType(ContentType.JSON).body("{\"size\": 2}")
                .put("/api/vmpools/" + pool).then().statusCode(403);
    }

    /** A template whose VMs boot from the network, with a small disk of its own. */
    private String template(String what) {
        String name = what + "-" + suffix;
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"memory\": {\"current\": 128, \"maxmemory\": 128},"
                        + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        templates.add(name);
        return name;
    }

    private static io.restassured.specification.RequestSpecification given(String token) {
        return io.restassured.RestAssured.given().baseUri(BASE).header("X-AUTH-TOKEN", token).accept(ContentType.JSON);
    }

    private static List<String> readyHostnames(String pool) {
        return admin().get("/api/vmpools/" + pool + "/vms").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.state == 'ready' }.hostname");
    }

    private static String row(String pool) {
        return "//*[@id='pools:table']//tr[td[.//strong[normalize-space()='" + pool + "']]]";
    }

    /** The element of the pool's row whose id ends in {@code :id}. */
    private static String button(String pool, String id) {
        return row(pool) + "//*[substring(@id, string-length(@id) - " + id.length() + ") = ':" + id + "']";
    }

    /** The id of a field of the pool's row in edit mode ({@code pools:table:N:size}). */
    private String rowFieldId(String pool, String field) {
        return browser.driver.findElement(By.xpath(button(pool, field))).getAttribute("id");
    }

    /** How full a bar of the pool's row is, as the width of its value in the browser. */
    private String bar(String pool, String which) {
        String style = browser.driver.findElement(By.xpath(button(pool, which) + "/*[contains(@class, 'ui-progressbar-value')]"))
                .getAttribute("style");
        java.util.regex.Matcher width = java.util.regex.Pattern.compile("width: ?([0-9]+)%").matcher(style);
        return width.find() ? width.group(1) : style;
    }

    private static void awaitReadyInDatabase(String pool, int count) {
        await().atMost(FILL).until(() -> {
            try (Connection db = Vireo.database()) {
                return query(db, "select count(*) from pool_vm v join vm_pool p on v.pool_id = p.id"
                        + " where p.name = ? and v.state = 'READY'", pool) == count;
            }
        });
    }

    private static int sizeInDatabase(String pool) throws SQLException {
        try (Connection db = Vireo.database()) {
            return query(db, "select pool_size from vm_pool where name = ?", pool);
        }
    }

    private static String templateInDatabase(String pool) throws SQLException {
        try (Connection db = Vireo.database(); PreparedStatement statement = db.prepareStatement(
                "select template from vm_pool where name = ?")) {
            statement.setString(1, pool);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static int query(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
