package dev.vireo.it;

import static dev.vireo.it.Vireo.anonymous;
import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Refused requests cost the server log next to nothing, and the log cannot grow without bound. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RefusalLogIT {

    private static final Path SERVER = Path.of(System.getProperty("vireo.it.server"), "standalone");
    private static final Path LOG = SERVER.resolve("log").resolve("server.log");
    private static final int REQUESTS_OF_EACH_KIND = 150;
    /** A refused request may write a line (a warning); never a stack trace (5 to 15 KB each before). */
    private static final long ALLOWED_GROWTH = 16 * 1024;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void refusedRequestsLeaveTheServerLogAlmostUntouched() throws IOException {
        String user = "l" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + user + "-log";
        api().contentType(ContentType.JSON).body("{\"name\": \"" + user + "\", \"password\": \"" + password + "\"}")
                .post("/api/users").then().statusCode(201);
        RequestSpecification asUser = TestAccounts.as(Vireo.BASE, user, password);
        asUser.get("/api/vms").then().statusCode(200);

        long before = Files.size(LOG);
        for (int i = 0; i < REQUESTS_OF_EACH_KIND; i++) {
            anonymous().get("/api/vms").then().statusCode(401).body("code", equalTo("AUTH0001E"));
            anonymous().contentType(ContentType.JSON).body("{\"name\": \"n" + i + "\"}").post("/api/templates").then()
                    .statusCode(401).body("code", equalTo("AUTH0001E"));
            TestAccounts.as(Vireo.BASE, user, password).get("/api/logs").then().statusCode(403).body("code", equalTo("AUTH0004E"));
            TestAccounts.as(Vireo.BASE, user, password).delete("/api/networks/default").then().statusCode(403);
            TestAccounts.as(Vireo.BASE, user, password).header("Origin", "http://evil.example").post("/api/token").then()
                    .statusCode(403).body("code", equalTo("AUTH0005E"));
        }
        String added = tail(before);
        assertThat(added).doesNotContain("UT010019").doesNotContain("WFLYEJB0034").doesNotContain("\tat ");
        assertThat(added.length()).as("bytes the server log grew by for %s refusals", 5 * REQUESTS_OF_EACH_KIND)
                .isLessThan((int) ALLOWED_GROWTH);
        api().get("/api/networks/default").then().statusCode(200);
    }

    @Test
    void theServerLogRotatesBySize() throws IOException {
        String configuration = Files.readString(SERVER.resolve("configuration").resolve("standalone.xml"));
        assertThat(configuration).contains("<size-rotating-file-handler name=\"FILE\"")
                .contains("<rotate-size value=\"10m\"/>").contains("<max-backup-index value=\"9\"/>")
                .doesNotContain("<periodic-rotating-file-handler name=\"FILE\"");
    }

    private static String tail(long from) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(LOG.toFile(), "r")) {
            file.seek(Math.min(from, file.length()));
            byte[] rest = new byte[(int) (file.length() - file.getFilePointer())];
            file.readFully(rest);
            return new String(rest, StandardCharsets.UTF_8);
        }
    }
}
