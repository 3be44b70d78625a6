package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A VM's console password is no part of its representation, for anyone, on either root (issue
 * 13, item 3): only connect hands one out, to its caller. The tickets themselves need a display
 * port the test driver does not give; ConsoleVncIT and RealHypervisorIT try them on QEMU.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleTicketIT {

    private static final String SECRET = "s3cret-console-pw";

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void noVmViewShowsTheConsolePassword() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String auditor = "a" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + auditor + "\", \"password\": \"" + password(auditor)
                + "\", \"groups\": [\"auditors\"]}").post("/api/users").then().statusCode(201);
        String template = "con-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"memory\": {\"current\": 256}, \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        String vm = template + "-vm";
        String task = api().contentType(ContentType.JSON)
                .body("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + vm + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "finished".equals(api().get("/api/tasks/" + task).then().extract().path("status")));

        String answer = api().contentType(ContentType.JSON)
                .body("{\"graphics\": {\"passwd\": \"" + SECRET + "\", \"passwdValidTo\": 600}}").put("/api/vms/" + vm)
                .then().statusCode(200).body("graphics", not(hasKey("passwd")))
                .extract().asString();
        assertThat(answer).doesNotContain(SECRET);
        api().post("/api/vms/" + vm + "/start").then().statusCode(200).body("graphics", not(hasKey("passwd")));

        for (RequestSpecification as : List.of(api(), as(auditor))) {
            for (String path : List.of("/api/vms/" + vm, "/plugins/kimchi/vms/" + vm)) {
                String view = as.get(path).then().statusCode(200).body("graphics", not(hasKey("passwd")))
                        .body("graphics", hasKey("passwdValidTo")).extract().asString();
                assertThat(view).doesNotContain(SECRET);
            }
            assertThat(as.get("/api/vms").then().statusCode(200).extract().asString()).doesNotContain(SECRET);
            assertThat(as.get("/plugins/kimchi/vms").then().statusCode(200).extract().asString()).doesNotContain(SECRET);
        }
        // the auditor reads everything and changes nothing: no password, no console
        as(auditor).post("/api/vms/" + vm + "/connect").then().statusCode(403).body("code", equalTo("AUTH0004E"))
                .body("reason", containsString(auditor));
        as(auditor).get("/api/vms/" + vm + "/virtviewerfile").then().statusCode(403);

        api().post("/api/vms/" + vm + "/poweroff").then().statusCode(200);
        api().delete("/api/vms/" + vm).then().statusCode(204);
        api().delete("/api/templates/" + template).then().statusCode(204);
    }

    private static String password(String user) {
        return "pw-" + new StringBuilder(user).reverse() + "-7";
    }

    private static RequestSpecification as(String user) {
        return TestAccounts.as(Vireo.BASE, user, password(user));
    }
}
