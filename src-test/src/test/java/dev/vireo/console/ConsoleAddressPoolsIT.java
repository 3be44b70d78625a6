package dev.vireo.console;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The address pools page: an operator creates a pool, adds a range, sees who holds which address,
 * is refused removing a range with an allocated address, and deletes the pool, as the API then shows.
 */
class ConsoleAddressPoolsIT extends ConsoleTestBase {

    @Deployment(name = "vireo", testable = false)
    @TargetsContainer("vireo")
    static EnterpriseArchive deployment() {
        return ear();
    }

    @AfterEach
    void removeThePool() {
        String pool = "cap-" + suffix;
        admin().delete("/api/addresspools/" + pool + "/allocations/10.7.0.10");
        admin().delete("/api/addresspools/" + pool + "/ranges/internal/10.7.0.10");
        admin().delete("/api/addresspools/" + pool);
    }

    @Test
    void anOperatorCreatesAPoolWithARangeAndSeesItsAllocations() {
        String pool = "cap-" + suffix;
        browser = Browser.open(BASE);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.click(By.id("menu:addresspools"));
        browser.awaitText(By.tagName("h1"), "Address pools");

        browser.click(By.cssSelector("#new-pool .ui-panel-titlebar-icon"));
        browser.awaitStill();
        browser.type("new-pool:name", pool);
        browser.type("new-pool:gateway", "10.7.0.300");
        browser.click("new-pool:create");
        browser.awaitText(By.cssSelector("#new-pool .ui-message-error"), "IPM0003E");
        admin().get("/api/addresspools/" + pool).then().statusCode(404);
        browser.type("new-pool:gateway", "10.7.0.1");
        browser.type("new-pool:dns", "8.8.8.8, 10.10.10.10");
        browser.click("new-pool:create");
        browser.awaitText(INFOS, "Address pool " + pool + " created");
        browser.awaitText(By.id("pools:table"), "8.8.8.8, 10.10.10.10");
        admin().get("/api/addresspools/" + pool).then().statusCode(200).body("dns", contains("8.8.8.8", "10.10.10.10"));

        browser.awaitText(By.id("detail-title"), "Address pool " + pool);
        browser.type("new-range:start", "10.7.0.10");
        browser.type("new-range:end", "10.7.0.19");
        browser.click("new-range:add");
        browser.awaitText(INFOS, "Range 10.7.0.10 – 10.7.0.19 added");
        browser.awaitText(By.id("ranges:table"), "10.7.0.19");
        admin().get("/api/addresspools/" + pool).then().body("ranges[0].addresses", equalTo(10));

        admin().contentType(ContentType.JSON).body("{\"instance\": \"router-" + suffix + "\"}")
                .post("/api/addresspools/" + pool + "/allocations").then().statusCode(201);
        browser.click(By.xpath(row(pool) + "//*[substring(@id, string-length(@id) - 4) = ':show']"));
        browser.awaitText(By.id("allocations:table"), "router-" + suffix);
        browser.click(By.xpath("//*[@id='ranges:table']//button[contains(@id, ':remove')]"));
        browser.awaitText(ERRORS, "IPM0008E");
        admin().get("/api/addresspools/" + pool + "/ranges/internal").then().body("start", contains("10.7.0.10"));

        admin().delete("/api/addresspools/" + pool + "/allocations/10.7.0.10").then().statusCode(204);
        browser.click(By.xpath("//*[@id='ranges:table']//button[contains(@id, ':remove')]"));
        browser.awaitText(INFOS, "Range from 10.7.0.10 removed");
        browser.click(By.xpath(row(pool) + "//*[substring(@id, string-length(@id) - 6) = ':delete']"));
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(INFOS, "Address pool " + pool + " deleted");
        admin().get("/api/addresspools").then().body("name", not(hasItem(pool)));
    }

    private static String row(String pool) {
        return "//*[@id='pools:table']//tr[td[normalize-space()='" + pool + "']]";
    }
}
