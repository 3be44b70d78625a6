package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.vireo.TestAccounts;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The login throttle, from several client addresses (the loopback network's, which the test binds
 * its connections to): guessing is slowed per account from one address, per address and per
 * account, the owner is not locked out from an address it signed in from, and the counts outlive
 * a restart of the application.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoginThrottleIT {

    private static final String DEPLOYMENT = "vireo-throttled";
    private static final String OWNER_ADDRESS = "127.0.0.1";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void aFloodFromOtherAddressesSlowsGuessingButLeavesTheOwnerIn() throws Exception {
        deployer.deploy(DEPLOYMENT);
        try {
            String user = user();
            from(OWNER_ADDRESS, user, password(user)).get("/api/vms").then().statusCode(200);

            // a guesser's own address: slowed from the 5th failure on, as strictly as before
            int refusedAt = guessUntilRefused("127.0.0.2", user);
            assertThat(refusedAt).as("the attempt refused with 429").isBetween(6, 12);
            assertThat(failures(user + " from 127.0.0.2")).isEqualTo(refusedAt - 1);
            assertThat(failures(user)).isEqualTo(refusedAt - 1);
            assertThat(failures("127.0.0.2")).isEqualTo(refusedAt - 1);

            // a long flood from many addresses, as the account's record shows it
            setFailures(user, 500);
            from("127.0.0.3", user, password(user)).get("/api/vms").then().statusCode(429)
                    .body("code", equalTo("AUTH0003E")).body("reason", containsString("for this account"));
            from("127.0.0.3", user, "another-guess-3").get("/api/vms").then().statusCode(429);
            // the owner, from where it signed in before, is not locked out
            from(OWNER_ADDRESS, user, password(user)).get("/api/vms").then().statusCode(200);
            // nor are other accounts from the guessers' addresses
            from("127.0.0.3", TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD).get("/api/vms").then().statusCode(200);
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    @Test
    void aSprayFromASharedAddressSlowsStrangersButNeitherItsOwnersNorTheirSessions() throws Exception {
        deployer.deploy(DEPLOYMENT);
        try {
            String shared = "127.0.0.5";
            String owner = user();
            from(shared, owner, password(owner)).get("/api/vms").then().statusCode(200);
            String token = from(shared, owner, password(owner)).post("/api/token").then().statusCode(200).extract().path("token");
            // others behind the same address guessed at many accounts
            from(shared, "nobody-" + UUID.randomUUID(), "a-guess-1").get("/api/vms").then().statusCode(401);
            setFailures(shared, 40);

            String stranger = user();
            from(shared, stranger, password(stranger)).get("/api/vms").then().statusCode(429)
                    .body("reason", containsString("from this address"));
            from(shared, "nobody-" + UUID.randomUUID(), "a-guess-2").get("/api/vms").then().statusCode(429);
            // the owner signed in from there before: its own count, not the address's, holds it back
            from(shared, owner, password(owner)).get("/api/vms").then().statusCode(200);
            // a valid token is never throttled; a wrong one is
            fromAddress(shared).header("X-AUTH-TOKEN", token).get("/api/vms").then().statusCode(200);
            fromAddress(shared).header("X-AUTH-TOKEN", token.substring(0, token.length() - 2) + "xx").get("/api/vms")
                    .then().statusCode(429).body("code", equalTo("AUTH0003E"));
            assertThat(failures(shared)).as("refused tries do not count again").isEqualTo(40);
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    @Test
    void theCountsOutliveARestart() throws Exception {
        deployer.deploy(DEPLOYMENT);
        try {
            String user = user();
            String address = "127.0.0.4";
            for (int attempt = 1; attempt <= 5; attempt++) {
                from(address, user, "wrong-" + attempt + "-pw").get("/api/vms").then().statusCode(401);
            }
            deployer.undeploy(DEPLOYMENT);
            deployer.deploy(DEPLOYMENT);

            // the 6th failure counts on from 5 (the 1 s pause after the 5th has passed during the restart)
            from(address, user, "wrong-6-pw").get("/api/vms").then().statusCode(401);
            assertThat(failures(user + " from " + address)).isEqualTo(6);
            // and now the pause is 2 s: even the right password waits
            from(address, user, password(user)).get("/api/vms").then().statusCode(429).body("code", equalTo("AUTH0003E"));

            // an account locked from an address stays locked across a restart
            setFailures(user + " from " + address, 10);
            deployer.undeploy(DEPLOYMENT);
            deployer.deploy(DEPLOYMENT);
            from(address, user, password(user)).get("/api/vms").then().statusCode(429)
                    .body("reason", containsString("for this account from this address"));
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    /** Wrong passwords from {@code address} until one is refused with 429: that attempt's number. */
    private static int guessUntilRefused(String address, String user) throws UnknownHostException {
        for (int attempt = 1; attempt <= 12; attempt++) {
            int status = from(address, user, "wrong-" + attempt + "-pw").get("/api/vms").then().extract().statusCode();
            if (status == 429) {
                return attempt;
            }
            assertThat(status).isEqualTo(401);
        }
        return -1;
    }

    /** A request with HTTP Basic whose connection comes from {@code address} (on the loopback network). */
    private static RequestSpecification from(String address, String user, String password) throws UnknownHostException {
        return TestAccounts.as(Vireo.BASE, user, password).config(boundTo(address));
    }

    /** A request without credentials whose connection comes from {@code address}. */
    private static RequestSpecification fromAddress(String address) throws UnknownHostException {
        return Vireo.anonymous().config(boundTo(address));
    }

    private static RestAssuredConfig boundTo(String address) throws UnknownHostException {
        return RestAssuredConfig.config().httpClient(
                HttpClientConfig.httpClientConfig().setParam("http.route.local-address", InetAddress.getByName(address)));
    }

    private static String user() {
        String name = "t" + UUID.randomUUID().toString().substring(0, 8);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"password\": \"" + password(name) + "\"}")
                .post("/api/users").then().statusCode(201);
        return name;
    }

    private static String password(String user) {
        return "pw-" + user + "-throttled";
    }

    private static int failures(String subject) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select failures from login_attempts where subject = ?")) {
            query.setString(1, subject);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    private static void setFailures(String subject, int failures) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement update = db.prepareStatement(
                     "update login_attempts set failures = ?, last_failure = ? where subject = ?")) {
            update.setInt(1, failures);
            update.setTimestamp(2, Timestamp.from(Instant.now()));
            update.setString(3, subject);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
