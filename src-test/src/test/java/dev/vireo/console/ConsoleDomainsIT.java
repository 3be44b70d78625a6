package dev.vireo.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The raw domains page: a definition pasted as JSON is refused with the service's reason next to
 * it (nothing defined), or defined; its JSON and XML forms show; libvirt's calls run with the
 * flags ticked (a flag the host refuses is its message, the state unchanged); the list shows
 * running domains or all; a user who may only read sees no control that changes one.
 */
class ConsoleDomainsIT extends ConsoleTestBase {

    private String domain;
    private String user;

    @Deployment(name = "vireo", testable = false)
    @TargetsContainer("vireo")
    static EnterpriseArchive deployment() {
        return ear();
    }

    @AfterEach
    void removeWhatTheTestMade() {
        if (domain != null) {
            admin().post("/libvirt/xen/nodes/" + domain + "/destroy");
            admin().post("/libvirt/xen/nodes/" + domain + "/delete?flag=2");
        }
        if (user != null) {
            admin().delete("/api/users/" + user);
        }
    }

    @Test
    void anOperatorDefinesADomainFromJsonReadsItAndRunsLibvirtsCallsWithFlags() {
        domain = "console-dom-" + suffix;
        browser = Browser.open(BASE);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.click(By.id("menu:domains"));
        browser.awaitText(By.tagName("h1"), "Domains");
        // the test driver's own running domain
        browser.awaitText(By.id("domains:table"), "test");

        // a definition the service refuses: its reason next to the text, nothing defined
        browser.click(By.cssSelector("#define .ui-panel-titlebar-icon"));
        browser.awaitStill();
        browser.type("define:json", "{\"domain\": {\"@type\": \"test\", \"vcpu\": \"1\"}}");
        browser.click("define:submit");
        browser.awaitText(By.cssSelector("#define .ui-message-error"), "XEN0001E");
        assertThat(browser.driver.findElement(By.cssSelector("#define .ui-message-error")).getText())
                .contains("domain.name is missing");

        browser.type("define:json", "{\"domain\": {\"@type\": \"test\", \"name\": \"" + domain + "\","
                + " \"memory\": {\"@unit\": \"MiB\", \"#text\": \"64\"}, \"vcpu\": \"1\","
                + " \"os\": {\"type\": {\"@arch\": \"x86_64\", \"#text\": \"hvm\"}}}}");
        browser.click("define:submit");
        browser.awaitText(INFOS, "Domain " + domain + " defined (UUID ");
        admin().get("/api/vms/" + domain).then().statusCode(200).body("state", equalTo("shutoff"));
        browser.awaitText(By.xpath(row(domain)), "shutoff");
        assertThat(browser.driver.findElement(By.xpath(row(domain))).getText()).contains("64 MiB");

        // its definition, as JSON and as XML
        browser.awaitText(By.id("domains:domain"), "Domain " + domain);
        browser.awaitText(By.id("definition-json"), "\"name\": \"" + domain + "\"");
        browser.click(By.xpath("//*[@id='domains:forms']//a[normalize-space()='XML']"));
        browser.awaitText(By.id("definition-xml"), "<name>" + domain + "</name>");
        browser.click(By.xpath("//*[@id='domains:forms']//a[normalize-space()='JSON']"));
        browser.awaitStill();

        // start with a flag the test driver refuses: its message, and the domain stays shut off
        browser.click(By.xpath("//*[@id='domains:action-flags']//label[contains(., 'PAUSED')]"));
        browser.click("domains:apply");
        browser.awaitText(ERRORS, "HOST0005E");
        admin().get("/api/vms/" + domain).then().body("state", equalTo("shutoff"));

        // start without flags, then again: the second start does nothing
        browser.click(By.xpath("//*[@id='domains:action-flags']//label[contains(., 'PAUSED')]"));
        browser.click("domains:apply");
        browser.awaitText(INFOS, "Domain " + domain + " started");
        admin().get("/api/vms/" + domain).then().body("state", equalTo("running"));
        browser.awaitText(By.xpath(row(domain)), "running");
        browser.click("domains:apply");
        browser.awaitText(INFOS, "Domain " + domain + " runs already: nothing done");

        // destroy with GRACEFUL
        action("destroy");
        browser.awaitText(By.id("domains:flags"), "GRACEFUL");
        browser.click(By.xpath("//*[@id='domains:action-flags']//label[contains(., 'GRACEFUL')]"));
        browser.click("domains:apply");
        browser.awaitText(INFOS, "Domain " + domain + " powered off (VIR_DOMAIN_DESTROY_GRACEFUL)");
        admin().get("/api/vms/" + domain).then().body("state", equalTo("shutoff"));

        // running domains only: it is gone from the list; all: it is back
        browser.click(By.xpath("//*[@id='domains:all']//div[contains(@class, 'ui-button')][normalize-space()='Running']"));
        browser.awaitText(By.id("domains:table"), "test");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(30))
                .until(d -> d.findElements(By.xpath(row(domain))).isEmpty());
        browser.click(By.xpath("//*[@id='domains:all']//div[contains(@class, 'ui-button')][normalize-space()='All']"));
        browser.awaitText(By.xpath(row(domain)), "shutoff");
        browser.screenshot("domains-definition");

        // delete: undefined, gone from the list and from /api/vms
        action("delete");
        browser.awaitText(By.id("domains:flags"), "SNAPSHOTS_METADATA");
        browser.click("domains:apply");
        browser.awaitText(INFOS, "Domain " + domain + " undefined");
        admin().get("/api/vms/" + domain).then().statusCode(404);
        assertThat(browser.driver.findElements(By.id("domains:domain"))).isEmpty();
        domain = null;
    }

    @Test
    void aUserWhoMayOnlyReadSeesDomainsWithoutAnyControlThatChangesOne() {
        user = "u" + suffix;
        String password = "pw-" + suffix + "-domains";
        admin().contentType(ContentType.JSON)
                .body("{\"name\": \"" + user + "\", \"password\": \"" + password + "\", \"groups\": [\"auditors\"]}")
                .post("/api/users").then().statusCode(201);
        browser = Browser.open(BASE);
        browser.signIn(user, password);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.click(By.id("menu:domains"));
        browser.awaitText(By.tagName("h1"), "Domains");
        browser.awaitText(By.id("domains:table"), "test");
        assertThat(browser.driver.findElements(By.id("define"))).isEmpty();
        browser.click(By.xpath(row("test") + "//button[contains(@id, ':open')]"));
        browser.awaitText(By.id("definition-json"), "\"name\": \"test\"");
        assertThat(browser.driver.findElements(By.id("domains:actions"))).isEmpty();
        assertThat(browser.driver.findElement(By.id("domains:xml-flags")).getText()).contains("INACTIVE").doesNotContain("SECURE");
    }

    private void action(String call) {
        browser.click(By.xpath("//*[@id='domains:action']//div[contains(@class, 'ui-button')][normalize-space()='" + call + "']"));
    }

    private static String row(String name) {
        return "//*[@id='domains:table']//tr[td[.//strong[normalize-space()='" + name + "']]]";
    }
}
