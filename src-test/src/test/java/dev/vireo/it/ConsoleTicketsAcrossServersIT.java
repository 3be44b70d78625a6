package dev.vireo.it;

import static dev.vireo.it.Vireo.anonymous;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A web console ticket that another server issued (its connect action wrote the row, as a second
 * node's would: the SHA-256 of the secret, the VM, the account, until when) opens the console
 * here: the WebSocket reaches the VM's VNC server, once; a second use, another account's ticket
 * and an expired one are refused and the latter two left in the table. The VNC server is the
 * test's own socket, where the test-driver VM's display says it listens.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleTicketsAcrossServersIT {

    private static final byte[] GREETING = "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    final ZoneFixture zone = new ZoneFixture("xconpool-", "xcontpl-");

    private final String admins = WebConsole.newTicket();
    private final String someoneElses = WebConsole.newTicket();
    private final String expired = WebConsole.newTicket();

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @AfterEach
    void forgetTickets() throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement delete = db.prepareStatement("delete from console_ticket where secret_hash in (?, ?, ?)")) {
            delete.setString(1, WebConsole.hash(admins));
            delete.setString(2, WebConsole.hash(someoneElses));
            delete.setString(3, WebConsole.hash(expired));
            delete.executeUpdate();
        }
    }

    @Test
    void aTicketAnotherServerIssuedOpensTheConsoleHereOnceForItsOwnerAlone() throws Exception {
        try (ServerSocket vnc = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String vm = "xcon-" + zone.suffix();
            zone.register("xcon", new TestDriverHost().domainWithVnc(vm, vnc.getLocalPort()), false);
            String session = anonymous().contentType(ContentType.JSON)
                    .body("{\"user\": \"admin\", \"password\": \"" + TestAccounts.ADMIN_PASSWORD + "\"}")
                    .post("/api/sessions").then().statusCode(200).extract().path("session");
            Instant now = Instant.now();
            try (Connection db = Vireo.database()) {
                WebConsole.issuedByAnotherServer(db, admins, vm, "admin", now.plusSeconds(30));
                WebConsole.issuedByAnotherServer(db, someoneElses, vm, "someone-else", now.plusSeconds(30));
                WebConsole.issuedByAnotherServer(db, expired, vm, "admin", now.minusSeconds(1));
            }

            assertThat(WebConsole.open(Vireo.BASE, vm, someoneElses, session).closed().get(30, TimeUnit.SECONDS)).isEqualTo(WebConsole.POLICY_VIOLATION);
            assertThat(WebConsole.open(Vireo.BASE, vm, expired, session).closed().get(30, TimeUnit.SECONDS)).isEqualTo(WebConsole.POLICY_VIOLATION);
            try (Connection db = Vireo.database()) {
                assertThat(WebConsole.stored(db, someoneElses)).as("another account's ticket stays theirs").isTrue();
                assertThat(WebConsole.stored(db, expired)).isTrue();
                assertThat(WebConsole.stored(db, admins)).isTrue();
            }

            CompletableFuture<Socket> reached = CompletableFuture.supplyAsync(() -> {
                try {
                    return vnc.accept();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            WebConsole.Socket console = WebConsole.open(Vireo.BASE, vm, admins, session);
            try (Socket proxied = reached.get(30, TimeUnit.SECONDS); OutputStream toBrowser = proxied.getOutputStream();
                 InputStream fromBrowser = proxied.getInputStream()) {
                toBrowser.write(GREETING);
                toBrowser.flush();
                assertThat(console.received().get(30, TimeUnit.SECONDS)).isEqualTo(GREETING);
                console.socket().get(30, TimeUnit.SECONDS).sendBinary(ByteBuffer.wrap(GREETING), true).get(30, TimeUnit.SECONDS);
                assertThat(fromBrowser.readNBytes(GREETING.length)).isEqualTo(GREETING);
            }
            try (Connection db = Vireo.database()) {
                assertThat(WebConsole.stored(db, admins)).as("spent").isFalse();
            }

            assertThat(WebConsole.open(Vireo.BASE, vm, admins, session).closed().get(30, TimeUnit.SECONDS)).as("used once")
                    .isEqualTo(WebConsole.POLICY_VIOLATION);
        }
    }
}
