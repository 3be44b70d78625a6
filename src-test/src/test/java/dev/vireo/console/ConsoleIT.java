package dev.vireo.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in Debian's headless Chromium against the real EAR on libvirt's test driver.
 * Each test leaves a screenshot of its last page in target/console-screenshots/.
 */
class ConsoleIT extends ConsoleTestBase {

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
    void aWrongPasswordShowsTheServiceMessageAndTheRightOneOpensTheDashboard() {
        browser.go("/console/vms.xhtml");
        assertThat(browser.path()).as("an unauthenticated page request goes to the login page").startsWith("/console/login.xhtml");

        browser.signIn(TestAccounts.ADMIN, "not-the-password");
        browser.awaitText(ERRORS, "Wrong user name, password");
        browser.screenshot("login-refused");

        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        assertThat(browser.path()).startsWith("/console/index.xhtml");
        assertThat(browser.text()).contains("Virtual machines:", "CPU", "Memory used", "Host utilisation, last hour",
                "Recent audit events", "admin");
        // storage and network capacity as the API lists them
        int pools = given().spec(admin()).get("/api/storagepools").then().extract().path("size()");
        int networks = given().spec(admin()).get("/api/networks").then().extract().path("size()");
        assertThat(browser.driver.findElement(By.id("dashboard:storage")).getText()).contains("of " + pools + " pools active");
        assertThat(browser.driver.findElement(By.id("dashboard:networks")).getText()).contains("of " + networks + " active");
        assertThat(browser.driver.manage().getCookieNamed("VIREO_SESSION").isHttpOnly()).isTrue();
    }

    @Test
    void pagesNeedASessionWhileTheApiKeepsItsJson401() {
        given().baseUri(BASE).redirects().follow(false).get("/console/index.xhtml").then()
                .statusCode(302).header("Location", org.hamcrest.Matchers.endsWith("/console/login.xhtml"));
        given().baseUri(BASE).redirects().follow(false).cookie("VIREO_SESSION", "vs-ended.secret")
                .get("/console/vms.xhtml").then()
                .statusCode(302).header("Location", org.hamcrest.Matchers.endsWith("/console/login.xhtml?expired=true"));
        given().baseUri(BASE).get("/console/login.xhtml").then().statusCode(200);
        given().baseUri(BASE).get("/api/vms").then().statusCode(401).contentType(ContentType.JSON)
                .body("code", equalTo("AUTH0001E"));
        browser.go("/console/login.xhtml?expired=true");
        browser.awaitText(By.tagName("body"), "Your session ended: sign in again.");
    }

    @Test
    void anAdminMakesATemplateAndAVmStartsEditsSnapshotsAndDeletesIt() {
        String template = "tpl-" + suffix;
        String vm = "web-" + suffix;
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");

        // a template
        browser.go("/console/templates.xhtml");
        browser.type("new-template:name", template);
        browser.type("new-template:os_distro", "fedora");
        browser.type("new-template:memory_input", "512");
        browser.type("new-template:disks_input", "1");
        browser.script("PF('poolMenu').selectValue('default-pool')");
        browser.click("new-template:create");
        browser.awaitText(INFOS, "Template " + template + " created");
        browser.awaitText(By.id("templates:table"), template);
        browser.screenshot("templates");

        // a VM from it: the task's progress, then its end
        browser.go("/console/vms.xhtml");
        browser.script("PF('templateMenu').selectValue('" + template + "')");
        browser.type("new-vm:name", vm);
        browser.click("new-vm:create");
        browser.awaitText(INFOS, "finished");
        browser.awaitText(By.id("vms:table"), vm);
        browser.screenshot("vm-list-after-create");

        // its page: start it and see it running
        browser.click(By.linkText(vm));
        browser.awaitText(By.id("vm-state"), "shutoff");
        browser.awaitText(By.id("vm-host"), "local");
        browser.click(By.cssSelector("#vm .vireo-act-start"));
        browser.awaitText(By.id("vm-state"), "running");
        given().spec(admin()).get("/api/vms/" + vm).then().body("state", equalTo("running"));
        browser.screenshot("vm-running");
        // what a running VM cannot take at once would wait for its next start: edit it shut off
        browser.click(By.cssSelector("#vm .vireo-act-poweroff"));
        browser.awaitText(By.id("vm-state"), "shutoff");

        // a rejected edit shows the service's message next to the field; a good one is saved
        browser.type("edit:memory_input", "4096");
        browser.type("edit:maxmemory_input", "1024");
        browser.click("edit:save");
        browser.awaitText(By.cssSelector("#edit .ui-message-error"), "Invalid memory");
        assertThat(browser.driver.findElement(By.cssSelector("#edit .ui-message-error")).getText())
                .contains("maxmemory (1024 MiB) is below current");
        browser.screenshot("vm-edit-refused");
        browser.type("edit:memory_input", "512");
        browser.type("edit:maxmemory_input", "1024");
        browser.type("edit:title", "Edited in the console");
        browser.click("edit:save");
        browser.awaitText(INFOS, "Saved " + vm);
        given().spec(admin()).get("/api/vms/" + vm).then().body("title", equalTo("Edited in the console"));

        // a snapshot, shown in the tree once its task finished
        browser.type("snapshots:name", "before-upgrade");
        browser.click("snapshots:create-snapshot");
        browser.awaitText(INFOS, "finished");
        browser.awaitText(By.id("snapshots:tree"), "before-upgrade");
        given().spec(admin()).get("/api/vms/" + vm + "/snapshots").then().body("name", org.hamcrest.Matchers.hasItem("before-upgrade"));
        browser.screenshot("vm-page");

        // delete
        browser.click(By.cssSelector("#vm .vireo-act-delete"));
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(INFOS, vm + " deleted");
        assertThat(browser.path()).startsWith("/console/vms.xhtml");
        given().spec(admin()).get("/api/vms/" + vm).then().statusCode(404);
    }

    @Test
    void anAdminClonesAShutOffVmFromTheListAndWatchesItsTask() {
        String vm = "src-" + suffix;
        shutOffVmThroughTheApi(vm);

        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.go("/console/vms.xhtml");
        browser.type("vms:table:globalFilter", vm);
        By rows = By.cssSelector("#vms\\:table_data > tr");
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(ExpectedConditions.numberOfElementsToBe(rows, 1));
        browser.awaitText(rows, vm);
        // its host is shown, and choosing that host in the host filter keeps it
        // (the table's 5 s poll may render it anew between finding the cell and reading it)
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> "local".equals(d.findElement(By.cssSelector("#vms\\:table_data .vireo-vm-host")).getText()));
        browser.script("PF('vmHostFilter').selectValue('local')");
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(ExpectedConditions.numberOfElementsToBe(rows, 1));
        browser.awaitText(rows, vm);
        // the new VM is shut off, so its clone button is enabled (a running one's is not); the table's own
        // refresh may redraw the row between finding and clicking the button, so a stale button is looked up again
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement clone = d.findElement(By.cssSelector("#vms\\:table_data .vireo-act-clone"));
            assertThat(clone.isEnabled()).isTrue();
            clone.click();
            return true;
        });
        browser.awaitText(INFOS, "finished");
        String clone = vm + "-clone1";
        assertThat(browser.driver.findElement(INFOS).getText()).contains(clone);
        browser.type("vms:table:globalFilter", clone);
        browser.awaitText(By.id("vms:table"), clone);
        given().spec(admin()).get("/api/vms/" + clone).then().statusCode(200).body("state", equalTo("shutoff"));
        given().spec(admin()).get("/api/vms/" + clone + "/storages").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.greaterThan(0));
        browser.screenshot("vm-cloned");
        given().spec(admin()).delete("/api/vms/" + clone).then().statusCode(204);
        given().spec(admin()).delete("/api/vms/" + vm).then().statusCode(204);
    }

    @Test
    void anAdminSetsTheCpuTopologyAndAConsolePasswordAndAMoveToABadHostIsRefusedAtItsField() {
        String vm = "topo-" + suffix;
        shutOffVmThroughTheApi(vm);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.go("/console/vm.xhtml?name=" + vm);
        browser.awaitText(By.id("vm-state"), "shutoff");

        // 2 vCPUs of 4 at most as 2 sockets × 2 cores × 1 thread; a console password for ten minutes
        browser.type("edit:vcpus_input", "2");
        browser.type("edit:maxvcpus_input", "4");
        browser.type("edit:sockets_input", "2");
        browser.type("edit:cores_input", "2");
        browser.type("edit:threads_input", "1");
        browser.type("edit:passwd", "console-" + suffix);
        browser.type("edit:passwdValidTo_input", "600");
        browser.click("edit:save");
        browser.awaitText(INFOS, "Saved " + vm);
        given().spec(admin()).get("/api/vms/" + vm).then()
                .body("cpu_info.vcpus", equalTo(2))
                .body("cpu_info.maxvcpus", equalTo(4))
                .body("cpu_info.topology.sockets", equalTo(2))
                .body("cpu_info.topology.cores", equalTo(2))
                .body("cpu_info.topology.threads", equalTo(1))
                .body("graphics.passwdValidTo", org.hamcrest.Matchers.notNullValue());
        // a topology that does not make the vCPUs is the service's refusal, next to the CPU fields
        browser.type("edit:threads_input", "3");
        browser.click("edit:save");
        browser.awaitText(By.cssSelector("#edit .ui-message-error"), "Invalid cpu_info");
        given().spec(admin()).get("/api/vms/" + vm).then().body("cpu_info.topology.threads", equalTo(1));

        // a destination that is no host is refused next to its field, and the VM stays
        browser.click(By.cssSelector("#migrate .ui-panel-titlebar-icon"));
        browser.awaitStill();
        browser.type("migrate:remote_host", "not a host!");
        browser.click("migrate:move");
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(By.cssSelector("#migrate .ui-message-error"), "Invalid migration");
        given().spec(admin()).get("/api/vms/" + vm).then().statusCode(200);
        browser.screenshot("vm-topology-and-move");
        given().spec(admin()).delete("/api/vms/" + vm).then().statusCode(204);
    }

    @Test
    void changesMadeElsewhereShowWithoutAReload() {
        String vm = "live-" + suffix;
        shutOffVmThroughTheApi(vm);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");

        // a snapshot taken through the API appears in the VM page's tree
        browser.go("/console/vm.xhtml?name=" + vm);
        browser.awaitText(By.id("vm-state"), "shutoff");
        markPage();
        String snapshot = given().spec(admin()).contentType(ContentType.JSON).body("{\"name\": \"elsewhere\"}")
                .post("/api/vms/" + vm + "/snapshots").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                !"running".equals(given().spec(admin()).get("/api/tasks/" + snapshot).then().extract().path("status")));
        browser.awaitText(By.id("snapshots:tree"), "elsewhere");
        assertPageNotReloaded();

        // a user created through the API appears on the users page and in the audit log's newest page
        String user = "el" + suffix;
        browser.go("/console/users.xhtml");
        browser.await(By.id("users:table"));
        markPage();
        given().spec(admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"" + user + "\", \"password\": \"pw-" + suffix + "-elsewhere\"}")
                .post("/api/users").then().statusCode(201);
        browser.awaitText(By.id("users:table"), user);
        assertPageNotReloaded();
        browser.go("/console/audit.xhtml");
        browser.await(By.id("audit:table"));
        markPage();
        given().spec(admin()).delete("/api/users/" + user).then().statusCode(204);
        browser.awaitText(By.id("audit:table"), "user.delete");
        assertPageNotReloaded();

        // a token issued through the API appears on its owner's account page
        browser.go("/console/account.xhtml");
        browser.await(By.id("tokens:table"));
        markPage();
        String token = given().spec(admin()).post("/api/token").then().statusCode(200).extract().path("id");
        browser.awaitText(By.id("tokens:table"), token);
        assertPageNotReloaded();
        browser.screenshot("account-token-from-elsewhere");
        given().spec(admin()).delete("/api/token/" + token).then().statusCode(200);
        given().spec(admin()).delete("/api/vms/" + vm).then().statusCode(204);
    }

    /** A mark that a reload of the page would wipe out. */
    private void markPage() {
        browser.script("window.vireoNotReloaded = true");
    }

    private void assertPageNotReloaded() {
        assertThat(browser.script("return window.vireoNotReloaded === true")).as("the page was not reloaded").isEqualTo(true);
    }

    /** A shut-off VM made through the API from a small template of its own, once its task finished. */
    private void shutOffVmThroughTheApi(String vm) {
        String template = "tpl-" + vm;
        given().spec(admin()).contentType(ContentType.JSON).body("{\"name\": \"" + template
                        + "\", \"source_media\": {\"type\": \"netboot\"}, \"memory\": {\"current\": 256},"
                        + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        String created = given().spec(admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"" + vm + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "finished".equals(given().spec(admin()).get("/api/tasks/" + created).then().extract().path("status")));
    }

    @Test
    void aUserSeesOnlyTheirOwnVms() {
        String user = "u" + suffix;
        String password = "pw-" + suffix + "-console";
        String template = "tpl-" + suffix;
        given().spec(admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"" + user + "\", \"password\": \"" + password + "\", \"groups\": [\"users\"]}")
                .post("/api/users").then().statusCode(201);
        given().spec(admin()).contentType(ContentType.JSON).body("{\"name\": \"" + template
                        + "\", \"source_media\": {\"type\": \"netboot\"}, \"memory\": {\"current\": 256},"
                        + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        String own = "own-" + suffix;
        String task = TestAccounts.as(BASE, user, password).contentType(ContentType.JSON)
                .body("{\"name\": \"" + own + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                !"running".equals(given().spec(admin()).get("/api/tasks/" + task).then().extract().path("status")));

        browser.signIn(user, password);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        assertThat(browser.text()).contains("Virtual machines: 1").doesNotContain("Recent audit events");
        browser.go("/console/vms.xhtml");
        browser.awaitText(By.id("vms:table"), own);
        assertThat(browser.driver.findElement(By.id("vms:table")).getText())
                .as("the test driver's own domain 'test' is not the user's").doesNotContain("\ntest\n");
        assertThat(browser.driver.findElements(By.linkText("test"))).isEmpty();
        browser.screenshot("user-vm-list");
        // someone else's VM does not exist for the user
        browser.go("/console/vm.xhtml?name=test");
        browser.awaitText(ERRORS, "Virtual machine test does not exist");
    }

    @Test
    void anAdminMakesAVolumeAsATaskAndANetwork() {
        String volume = "vol-" + suffix + ".qcow2";
        String network = "net-" + suffix;
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");

        browser.go("/console/storage.xhtml");
        browser.click(By.linkText("default-pool"));
        browser.awaitText(By.id("volumes:table"), "Volumes of default-pool");
        browser.type("volumes:name", volume);
        browser.click("volumes:create-volume");
        browser.awaitText(INFOS, "finished");
        browser.awaitText(By.id("volumes:table"), volume);
        given().spec(admin()).get("/api/storagepools/default-pool/storagevolumes/" + volume).then().statusCode(200);
        browser.screenshot("storage");

        browser.go("/console/networks.xhtml");
        browser.click(By.cssSelector("#new-network .ui-panel-titlebar-icon"));
        browser.awaitStill();
        browser.type("new-network:name", "bad name!");
        browser.click("new-network:create");
        browser.awaitText(By.cssSelector("#new-network .ui-message-error"), "bad name!");
        browser.type("new-network:name", network);
        browser.click("new-network:create");
        browser.awaitText(INFOS, "Network " + network + " created");
        browser.awaitText(By.id("networks:table"), network);
        given().spec(admin()).get("/api/networks/" + network).then().statusCode(200);
    }

    @Test
    void anAdminCreatesAUserWhoChangesTheirPasswordAndIssuesATokenAndTheAuditLogShowsIt() {
        String user = "acc" + suffix;
        String password = "pw-" + suffix + "-first";
        String changed = "pw-" + suffix + "-second";
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");

        browser.click("menu:users");
        browser.awaitText(By.tagName("h1"), "Users");
        browser.awaitText(By.id("roles:table"), "account.manage");
        browser.click(By.cssSelector("#new-user .ui-panel-titlebar-icon"));
        browser.awaitStill();
        browser.type("new-user:name", user);
        browser.type("new-user:password", "short");
        browser.click("new-user:create");
        browser.awaitText(By.cssSelector("#new-user .ui-message-error"), "Password too weak");
        browser.type("new-user:password", password);
        browser.type("new-user:nick", "Ann " + suffix);
        browser.type("new-user:mail", user + "@example.org");
        browser.click("new-user:create");
        browser.awaitText(INFOS, "User " + user + " created");
        browser.awaitText(By.id("users:table"), user + "@example.org");
        browser.awaitText(By.id("groups:table"), user);
        given().spec(admin()).get("/api/users/" + user).then().statusCode(200).body("nick", equalTo("Ann " + suffix));
        browser.screenshot("users");

        browser.click("menu:audit");
        browser.awaitText(By.tagName("h1"), "Audit log");
        browser.awaitText(By.id("audit:table"), "user.create");
        assertThat(browser.driver.findElement(By.id("audit:table")).getText()).contains(user);
        browser.screenshot("audit");
        browser.click("menu:sign-out");
        browser.awaitText(By.tagName("body"), "You signed out.");

        browser.signIn(user, password);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        assertThat(browser.driver.findElements(By.id("menu:users"))).as("no account.read").isEmpty();
        assertThat(browser.driver.findElements(By.id("menu:audit"))).as("no audit.read").isEmpty();
        browser.click("menu:account");
        browser.awaitText(By.tagName("h1"), "My account");
        assertThat(browser.driver.findElement(By.id("profile:nick")).getAttribute("value")).isEqualTo("Ann " + suffix);

        browser.type("password-change:old", "not-my-password");
        browser.type("password-change:password", changed);
        browser.click("password-change:change");
        browser.awaitText(By.cssSelector("#password-change .ui-message-error"), "The old password of " + user + " is not right");
        browser.type("password-change:old", password);
        browser.type("password-change:password", changed);
        browser.click("password-change:change");
        browser.awaitText(INFOS, "Password changed");
        TestAccounts.as(BASE, user, changed).get("/api/users/" + user).then().statusCode(200);

        browser.click("tokens:create");
        browser.awaitText(INFOS, "copy its value now");
        String token = browser.await(By.id("token-value")).getText();
        assertThat(token).startsWith("vrt");
        given().baseUri(BASE).header("X-AUTH-TOKEN", token).get("/api/users/" + user).then().statusCode(200);
        browser.script("document.getElementById('token-value').scrollIntoView({block: 'center'})");
        browser.screenshot("account-token");
        // shown once: the page opened again lists the token by id only
        browser.go("/console/account.xhtml");
        browser.awaitText(By.tagName("h1"), "My account");
        assertThat(browser.driver.findElements(By.id("token-value"))).isEmpty();
        assertThat(browser.text()).doesNotContain(token);
        assertThat(browser.driver.findElement(By.id("tokens:table")).getText()).doesNotContain("No token.");
    }

    @Test
    void signingOutEndsTheSession() {
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        String session = browser.driver.manage().getCookieNamed("VIREO_SESSION").getValue();
        browser.click("menu:sign-out");
        browser.awaitText(By.tagName("body"), "You signed out.");
        given().baseUri(BASE).header("Authorization", "Bearer " + session).get("/api/vms").then().statusCode(401);
        browser.go("/console/vms.xhtml");
        assertThat(browser.path()).startsWith("/console/login.xhtml");
    }
}
