package dev.vireo.console;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vireo.TestAccounts;
import dev.vireo.it.TestDriverHost;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The storage and network pages of another host, chosen in their host select: the rows are that
 * host's, each shows its host, and what is done there is done on that host only.
 */
class ConsoleCellsIT extends ConsoleTestBase {

    private String host;

    @Deployment(name = "vireo", testable = false)
    @TargetsContainer("vireo")
    static EnterpriseArchive deployment() {
        return ear();
    }

    @AfterEach
    void forgetTheHost() {
        if (host != null) {
            admin().delete("/api/hosts/" + host);
        }
    }

    @Test
    void theStorageAndNetworkPagesShowAndChangeTheChosenHost() throws IOException {
        host = "cc-" + suffix;
        Path dir = Files.createTempDirectory("vireo-console-cells-");
        String uri = new TestDriverHost().pool("default-pool").network("default").writeTo(dir.resolve(host + ".xml"));
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + host + "\", \"uri\": \"" + uri + "\"}")
                .post("/api/hosts").then().statusCode(201);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                admin().get("/api/hosts/" + host).then().body("state", equalTo("connected")));
        String pool = "ccp-" + suffix;
        String network = "ccn-" + suffix;
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + pool + "\", \"type\": \"dir\", \"path\": \"/" + pool + "\"}")
                .post("/api/storagepools?host=" + host).then().statusCode(201);
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + network + "\", \"connection\": \"isolated\"}")
                .post("/api/networks?host=" + host).then().statusCode(201);

        browser = Browser.open(BASE);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.go("/console/storage.xhtml");
        browser.awaitText(By.xpath(row("pools", "default-pool")), "local");
        choose(host);
        browser.awaitText(By.xpath(row("pools", pool)), host);
        browser.screenshot("storage-of-a-cell");

        browser.go("/console/networks.xhtml");
        browser.awaitText(By.xpath(row("networks", "default")), "local");
        choose(host);
        browser.awaitText(By.xpath(row("networks", network)), host);
        browser.click(By.xpath(row("networks", network) + "//*[substring(@id, string-length(@id) - 10) = ':deactivate']"));
        browser.awaitText(INFOS, "Network " + network + " deactivated");
        admin().get("/api/networks/" + network + "?host=" + host).then().statusCode(200).body("state", equalTo("inactive"));
        admin().get("/api/networks/" + network).then().statusCode(404);
        admin().get("/api/networks/default").then().body("state", equalTo("active"));
    }

    /** Picks a host in the page's host select, as a click on its item does (and its change goes to the server). */
    private void choose(String name) {
        browser.await(By.id("host-choice:host"));
        // selectValue alone is silent: the change a click makes goes to the server with triggerChange
        browser.script("PF('hostChoice').selectValue(arguments[0]); PF('hostChoice').triggerChange();", name);
        browser.awaitText(By.id("host-choice:host_label"), name);
    }

    private static String row(String form, String name) {
        return "//*[@id='" + form + ":table']//tr[td[normalize-space()='" + name + "']]";
    }
}
