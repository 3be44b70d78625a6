package dev.vireo.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's accounts pages (users, groups, roles, one's own tokens, the audit log) in Debian's
 * headless Chromium on libvirt's test driver: what the user sees, and the effect through the REST API.
 * Each test leaves a screenshot of its last page in target/console-screenshots/.
 */
class ConsoleAccountsIT extends ConsoleTestBase {

    @Deployment(testable = false)
    @TargetsContainer("vireo")
    static EnterpriseArchive deployment() {
        return ear();
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(BASE);
    }

    @Test
    void aGroupWithANewRoleGivesItsMemberTheRolesMenusAndActionsUntilTheMemberIsRemoved() {
        String user = "mem" + suffix;
        String password = "pw-" + suffix + "-member";
        String role = "ops-" + suffix;
        String group = "team-" + suffix;
        createUser(user, password);
        as(user, password).get("/api/logs").then().statusCode(403);

        signInAsAdmin();
        browser.click("menu:users");
        browser.awaitText(By.tagName("h1"), "Users");

        // a role with two permissions the built-in 'user' role lacks; a bad name first changes nothing
        browser.click(By.cssSelector("#new-role .ui-panel-titlebar-icon"));
        browser.awaitStill();
        browser.type("new-role:name", "bad name!");
        check("new-role:permissions", "audit.read");
        browser.click("new-role:create");
        browser.awaitText(By.cssSelector("#new-role .ui-message-error"), "bad name!");
        admin().get("/api/roles").then().body("$", not(hasItem("bad name!")));
        browser.type("new-role:name", role);
        check("new-role:permissions", "network.manage");
        browser.click("new-role:create");
        browser.awaitText(INFOS, "Role " + role + " created");
        assertThat(rowText("roles:table", role)).contains("audit.read", "network.manage");
        admin().get("/api/roles/" + role).then().statusCode(200)
                .body("permissions", hasItems("audit.read", "network.manage")).body("permissions.size()", equalTo(2));

        // a group, then that role given to it
        browser.click(By.cssSelector("#new-group .ui-panel-titlebar-icon"));
        browser.awaitStill();
        browser.type("new-group:name", group);
        browser.type("new-group:display", "Operators " + suffix);
        browser.click("new-group:create");
        browser.awaitText(INFOS, "User group " + group + " created");
        assertThat(rowText("groups:table", group)).contains("Operators " + suffix).doesNotContain(role);
        admin().get("/api/user_groups/" + group).then().statusCode(200).body("role", equalTo(List.of()));
        assertThat(row("groups:table", group).findElements(By.cssSelector("button[title='delete']"))).hasSize(1);
        assertThat(row("groups:table", "admins").findElements(By.cssSelector("button[title='delete']")))
                .as("a built-in group cannot be deleted: no button").isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("[id='role-grant:groups_input'] option")).stream()
                .map(option -> option.getAttribute("value")).toList())
                .as("the new group is offered; built-in groups keep their roles").contains(group)
                .doesNotContain("admins", "users", "auditors");
        browser.script("PF('grantedRoleMenu').selectValue('" + role + "')");
        browser.script("PF('grantGroupMenu').selectValue('" + group + "')");
        browser.click("role-grant:give");
        browser.awaitText(INFOS, "Role " + role + " given to " + group);
        browser.awaitText(By.id("groups:table"), role);
        assertThat(rowText("groups:table", group)).contains(role);
        admin().get("/api/user_groups/" + group).then().body("role", equalTo(List.of(role)));

        // the user joins it
        browser.script("PF('memberMenu').selectValue('" + user + "')");
        browser.script("PF('memberGroupMenu').selectValue('" + group + "')");
        browser.click("membership:add");
        browser.awaitText(INFOS, "User " + user + " added to " + group);
        browser.awaitText(By.id("groups:table"), user);
        assertThat(rowText("groups:table", group)).contains(user);
        assertThat(rowText("users:table", user)).contains(group);
        admin().get("/api/user_groups/" + group).then().body("member", equalTo(List.of(user)));
        browser.screenshot("accounts-group-member");
        signOut();

        // signed in, the member has the role's menu and actions
        browser.signIn(user, password);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        assertThat(browser.text()).contains("Recent audit events");
        browser.click("menu:audit");
        browser.awaitText(By.tagName("h1"), "Audit log");
        browser.awaitText(By.id("audit:table"), "group.member.add");
        browser.click("menu:networks");
        browser.awaitText(By.tagName("h1"), "Networks");
        assertThat(browser.driver.findElements(By.id("new-network"))).as("network.manage offers a new network").isNotEmpty();
        as(user, password).get("/api/logs").then().statusCode(200);
        browser.screenshot("accounts-member-with-role");
        signOut();

        // removed from the group again
        signInAsAdmin();
        browser.go("/console/users.xhtml");
        browser.click(By.cssSelector("[title='remove " + user + " from " + group + "']"));
        browser.awaitText(INFOS, "User " + user + " removed from " + group);
        assertThat(rowText("groups:table", group)).doesNotContain(user);
        admin().get("/api/user_groups/" + group).then().body("member", equalTo(List.of()));
        signOut();

        // and has neither any more
        browser.signIn(user, password);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        assertThat(browser.driver.findElements(By.id("menu:audit"))).isEmpty();
        assertThat(browser.text()).doesNotContain("Recent audit events");
        browser.go("/console/networks.xhtml");
        browser.awaitText(By.tagName("h1"), "Networks");
        assertThat(browser.driver.findElements(By.id("new-network"))).isEmpty();
        browser.go("/console/audit.xhtml");
        browser.awaitText(By.tagName("body"), "You may not see the audit log");
        assertThat(browser.driver.findElements(By.id("audit:table"))).isEmpty();
        as(user, password).get("/api/logs").then().statusCode(403);
    }

    @Test
    void anAdminDeletesAUserAfterConfirmingAndTheUserCanNoLongerSignIn() {
        String user = "del" + suffix;
        String password = "pw-" + suffix + "-deleted";
        createUser(user, password);
        signInAsAdmin();
        browser.go("/console/users.xhtml");
        browser.awaitText(By.id("users:table"), user);

        // cancelled: nothing happens
        deleteButton(user).click();
        WebElement dialog = browser.await(By.cssSelector(".ui-confirm-dialog"));
        assertThat(dialog.getText()).contains("Delete user " + user + " and their tokens?");
        browser.screenshot("accounts-delete-confirm");
        browser.click(By.cssSelector(".ui-confirm-dialog .ui-confirmdialog-no"));
        browser.awaitInvisible(By.cssSelector(".ui-confirm-dialog"));
        admin().get("/api/users/" + user).then().statusCode(200);

        // confirmed: the user is gone
        deleteButton(user).click();
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(INFOS, "User " + user + " deleted");
        assertThat(browser.driver.findElement(By.id("users:table")).getText()).doesNotContain(user);
        admin().get("/api/users/" + user).then().statusCode(404);
        as(user, password).get("/api/vms").then().statusCode(401);
        signOut();

        browser.signIn(user, password);
        browser.awaitText(ERRORS, "Wrong user name, password");
        assertThat(browser.path()).startsWith("/console/login.xhtml");
    }

    @Test
    void aUserRevokesOneOfTheirTokensOnTheAccountPage() {
        String user = "tok" + suffix;
        String password = "pw-" + suffix + "-tokens";
        createUser(user, password);
        JsonPath first = as(user, password).post("/api/token").then().statusCode(200).extract().jsonPath();
        JsonPath second = as(user, password).post("/api/token").then().statusCode(200).extract().jsonPath();
        String revoked = first.getString("token");
        String revokedId = first.getString("id");
        String kept = second.getString("token");
        String keptId = second.getString("id");

        browser.signIn(user, password);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.click("menu:account");
        browser.awaitText(By.tagName("h1"), "My account");
        browser.awaitText(By.id("tokens:table"), revokedId);
        assertThat(browser.text()).as("values are never shown again").doesNotContain(revoked).doesNotContain(kept);

        row("tokens:table", revokedId).findElement(By.cssSelector("button[title='revoke']")).click();
        browser.awaitText(By.cssSelector(".ui-confirm-dialog"), "Revoke token " + revokedId + "?");
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(INFOS, "Token " + revokedId + " revoked");
        assertThat(browser.driver.findElement(By.id("tokens:table")).getText()).doesNotContain(revokedId);
        browser.screenshot("accounts-token-revoked");

        given().baseUri(BASE).header("X-AUTH-TOKEN", revoked).get("/api/vms").then().statusCode(401)
                .body("code", equalTo("AUTH0002E"));
        given().baseUri(BASE).header("X-AUTH-TOKEN", kept).get("/api/vms").then().statusCode(200);
        as(user, password).get("/api/token").then().body("$", not(org.hamcrest.Matchers.hasKey(revokedId)))
                .body("$", org.hamcrest.Matchers.hasKey(keptId));

        // the other one right away, on the same page (the dialog works again after the table changed)
        row("tokens:table", keptId).findElement(By.cssSelector("button[title='revoke']")).click();
        browser.awaitText(By.cssSelector(".ui-confirm-dialog"), "Revoke token " + keptId + "?");
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(INFOS, "Token " + keptId + " revoked");
        browser.awaitText(By.id("tokens:table"), "No token.");
        given().baseUri(BASE).header("X-AUTH-TOKEN", kept).get("/api/vms").then().statusCode(401);
        browser.go("/console/account.xhtml");
        browser.awaitText(By.id("tokens:table"), "No token.");
    }

    @Test
    void theAuditPagePagesBackToOlderEntriesAndFiltersByUserAndAction() {
        String user = "aud" + suffix;
        String password = "pw-" + suffix + "-audit";
        createUser(user, password);
        // the user's own actions: two tokens and a profile change
        as(user, password).post("/api/token").then().statusCode(200);
        as(user, password).post("/api/token").then().statusCode(200);
        as(user, password).contentType(ContentType.JSON).body("{\"nick\": \"Audited " + suffix + "\"}")
                .put("/api/users/" + user).then().statusCode(200);
        // and more than a page of entries after them
        for (int i = 0; i < 25; i++) {
            admin().contentType(ContentType.JSON).body("{\"content\": \"paging " + suffix + " " + i + "\"}")
                    .post("/api/logs").then().statusCode(201);
        }

        signInAsAdmin();
        browser.click("menu:audit");
        browser.awaitText(By.tagName("h1"), "Audit log");
        browser.script("PF('limitMenu').selectValue('20')");
        browser.click("audit:filter");
        browser.awaitText(By.id("audit:range"), "Entries 1–20");
        // newest first: the admin's sign-in, then the entries made above
        List<String> firstPage = column("audit:table", 7);
        assertThat(firstPage).hasSize(20).contains("paging " + suffix + " 24").doesNotContain("paging " + suffix + " 0");
        assertThat(firstPage).isEqualTo(admin().get("/api/logs?limit=20&start=0").then().extract().path("content"));
        assertThat(browser.driver.findElement(By.id("audit:newer")).isEnabled()).isFalse();

        browser.click("audit:older");
        browser.awaitText(By.id("audit:range"), "Entries 21–40");
        assertThat(browser.driver.findElement(By.id("audit:newer")).isEnabled()).isTrue();
        List<String> shown = column("audit:table", 7);
        List<String> api = admin().get("/api/logs?limit=20&start=20").then().statusCode(200).extract().path("content");
        assertThat(shown).as("the second page is the API's second page").isEqualTo(api);
        assertThat(shown).contains("paging " + suffix + " 4", "paging " + suffix + " 0");
        browser.screenshot("audit-older");

        browser.click("audit:newer");
        browser.awaitText(By.id("audit:range"), "Entries 1–20");

        // by user and action
        browser.type("audit:user", user);
        browser.type("audit:action", "token.create");
        browser.click("audit:filter");
        browser.awaitText(By.id("audit:range"), "Entries 1–2");
        assertThat(column("audit:table", 2)).containsExactly(user, user);
        assertThat(column("audit:table", 3)).containsExactly("token.create", "token.create");
        admin().get("/api/logs?user=" + user + "&action=token.create").then().statusCode(200)
                .body("size()", equalTo(2)).body("action", equalTo(List.of("token.create", "token.create")));
        browser.screenshot("audit-filtered");

        // by user only: all the user's actions
        browser.type("audit:action", "");
        browser.click("audit:filter");
        browser.awaitText(By.id("audit:table"), "user.update");
        assertThat(column("audit:table", 3)).as("the user's own actions; the admin made the account")
                .containsExactlyInAnyOrder("user.update", "token.create", "token.create");
        assertThat(column("audit:table", 2)).containsOnly(user);
        admin().get("/api/logs?user=" + user).then().body("size()", equalTo(3));

        // an action nobody did: nothing, said plainly
        browser.type("audit:action", "no.such-action");
        browser.click("audit:filter");
        browser.awaitText(By.id("audit:table"), "No audit entry.");

        browser.click("audit:clear");
        browser.awaitText(By.id("audit:table"), "paging " + suffix + " 24");
        assertThat(browser.driver.findElement(By.id("audit:user")).getAttribute("value")).isEmpty();
    }

    // helpers

    private void createUser(String user, String password) {
        admin().contentType(ContentType.JSON)
                .body("{\"name\": \"" + user + "\", \"password\": \"" + password + "\", \"groups\": [\"users\"]}")
                .post("/api/users").then().statusCode(201);
    }

    private void signInAsAdmin() {
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
    }

    private void signOut() {
        browser.click("menu:sign-out");
        browser.awaitText(By.tagName("body"), "You signed out.");
    }

    /** Ticks the box labelled {@code label} of a PrimeFaces selectManyCheckbox. */
    private void check(String checkboxes, String label) {
        browser.click(By.xpath("//*[@id='" + checkboxes + "']//label[normalize-space()='" + label + "']"));
    }

    /** The table's row whose first cell is {@code first}. */
    private WebElement row(String table, String first) {
        return browser.await(By.xpath("//*[@id='" + table + "']//tbody/tr[td[1][normalize-space()='" + first + "']]"));
    }

    /** A row's text; read again when the page's refresh redrew the table between finding the row and reading it. */
    private String rowText(String table, String first) {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(driver -> row(table, first).getText());
    }

    private WebElement deleteButton(String user) {
        return row("users:table", user).findElement(By.cssSelector("button[title='delete']"));
    }

    /** The texts of a table's column (1-based), top to bottom; read again when the page's refresh redrew the table meanwhile. */
    private List<String> column(String table, int column) {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElements(By.xpath("//*[@id='" + table + "']//tbody/tr/td[" + column + "]"))
                        .stream().map(WebElement::getText).toList());
    }

    private static RequestSpecification as(String user, String password) {
        return TestAccounts.as(BASE, user, password);
    }
}
