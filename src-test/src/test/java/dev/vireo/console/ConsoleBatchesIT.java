package dev.vireo.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The batches page: a batch creation with one item that fails (its name is taken) shows on the
 * page as the service records it, the failed item with its reason and the others created, the
 * page following the batch until it ends.
 */
class ConsoleBatchesIT extends ConsoleTestBase {

    private final List<String> vms = new ArrayList<>();

    @Deployment(name = "vireo", testable = false)
    @TargetsContainer("vireo")
    static EnterpriseArchive deployment() {
        return ear();
    }

    @AfterEach
    void removeWhatTheTestMade() {
        vms.forEach(vm -> admin().delete("/api/vms/" + vm));
    }

    @Test
    void anOperatorFollowsABatchWithAFailedItemToItsEnd() {
        String prefix = "cb" + suffix;
        String spec = "\"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [16]}";
        String taken = prefix + "_1";
        for (int i = 0; i < 3; i++) {
            vms.add(prefix + "_" + i);
        }
        String made = admin().contentType(ContentType.JSON).body("{\"name\": \"" + taken + "\", \"host\": \"local\", "
                        + "\"storagepool\": \"default-pool\", " + spec + "}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        awaitEnded(made);
        String batch = admin().contentType(ContentType.JSON).body("{\"count\": 3, \"name_prefix\": \"" + prefix + "\", "
                        + "\"host\": \"local\", \"storagepool\": \"default-pool\", " + spec + "}")
                .post("/api/batches/create_guest").then().statusCode(202).extract().path("id");

        browser = Browser.open(BASE);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.click(By.id("menu:batches"));
        browser.awaitText(By.tagName("h1"), "Batches");
        browser.awaitText(By.xpath(row(batch)), "3: 2 created, 1 failed");
        browser.awaitText(By.xpath(row(batch)), "ended");
        browser.click(By.xpath(row(batch) + "//*[substring(@id, string-length(@id) - 4) = ':show']"));
        browser.awaitText(By.id("batches:items-table"), "Items of batch " + batch);
        browser.awaitText(By.xpath(item(taken)), "fail");
        browser.awaitText(By.xpath(item(taken)), "VMS0006E");
        browser.awaitText(By.xpath(item(prefix + "_0")), "created");
        browser.awaitText(By.xpath(item(prefix + "_2")), "created");
        browser.screenshot("batches");

        // the page shows what the service records: the native list and the batch say the same
        admin().get("/api/batches").then().statusCode(200).body("id", hasItem(batch));
        JsonPath recorded = admin().get("/api/batches/" + batch).then().statusCode(200).body("running", equalTo(false))
                .extract().jsonPath();
        assertThat(recorded.getList("items.status", String.class)).containsExactly("created", "fail", "created");
        admin().get("/api/vms/" + prefix + "_0").then().statusCode(200);
        admin().get("/api/vms/" + prefix + "_2").then().statusCode(200);
    }

    private static void awaitEnded(String task) {
        String status = Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> admin().get("/api/tasks/" + task).then().extract().<String>path("status"),
                        now -> !"running".equals(now));
        assertThat(status).isEqualTo("finished");
    }

    private static String row(String batch) {
        return "//*[@id='batches:table']//tr[td[.//strong[normalize-space()='" + batch + "']]]";
    }

    private static String item(String name) {
        return "//*[@id='batches:items-table']//tr[td[.//strong[normalize-space()='" + name + "']]]";
    }
}
