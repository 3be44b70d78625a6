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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
    private static final int POLICY_VIOLATION = 1008;

    @RegisterExtension
    final ZoneFixture zone = new ZoneFixture("xconpool-", "xcontpl-");

    private final String admins = ticket();
    private final String someoneElses = ticket();
    private final String expired = ticket();

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @AfterEach
    void forgetTickets() throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement delete = db.prepareStatement("delete from console_ticket where secret_hash in (?, ?, ?)")) {
            delete.setString(1, hash(admins));
            delete.setString(2, hash(someoneElses));
            delete.setString(3, hash(expired));
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
                issuedByAnotherServer(db, admins, vm, "admin", now.plusSeconds(30));
                issuedByAnotherServer(db, someoneElses, vm, "someone-else", now.plusSeconds(30));
                issuedByAnotherServer(db, expired, vm, "admin", now.minusSeconds(1));
            }

            assertThat(open(vm, someoneElses, session).closed().get(30, TimeUnit.SECONDS)).isEqualTo(POLICY_VIOLATION);
            assertThat(open(vm, expired, session).closed().get(30, TimeUnit.SECONDS)).isEqualTo(POLICY_VIOLATION);
            try (Connection db = Vireo.database()) {
                assertThat(stored(db, someoneElses)).as("another account's ticket stays theirs").isTrue();
                assertThat(stored(db, expired)).isTrue();
                assertThat(stored(db, admins)).isTrue();
            }

            CompletableFuture<Socket> reached = CompletableFuture.supplyAsync(() -> {
                try {
                    return vnc.accept();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Console console = open(vm, admins, session);
            try (Socket proxied = reached.get(30, TimeUnit.SECONDS); OutputStream toBrowser = proxied.getOutputStream();
                 InputStream fromBrowser = proxied.getInputStream()) {
                toBrowser.write(GREETING);
                toBrowser.flush();
                assertThat(console.received().get(30, TimeUnit.SECONDS)).isEqualTo(GREETING);
                console.socket().get(30, TimeUnit.SECONDS).sendBinary(ByteBuffer.wrap(GREETING), true).get(30, TimeUnit.SECONDS);
                assertThat(fromBrowser.readNBytes(GREETING.length)).isEqualTo(GREETING);
            }
            try (Connection db = Vireo.database()) {
                assertThat(stored(db, admins)).as("spent").isFalse();
            }

            assertThat(open(vm, admins, session).closed().get(30, TimeUnit.SECONDS)).as("used once")
                    .isEqualTo(POLICY_VIOLATION);
        }
    }

    /** A WebSocket to the console proxy: the socket once open, the first binary frame, the close code. */
    private record Console(CompletableFuture<WebSocket> socket, CompletableFuture<byte[]> received,
                           CompletableFuture<Integer> closed) {
    }

    private static Console open(String vm, String ticket, String session) {
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                received.complete(bytes);
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }
        };
        URI uri = URI.create(Vireo.BASE.replace("http:", "ws:") + "/console/vnc/" + vm + "?ticket="
                + URLEncoder.encode(ticket, StandardCharsets.UTF_8));
        CompletableFuture<WebSocket> socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("binary")
                .header("Cookie", "VIREO_SESSION=" + session).header("Origin", Vireo.BASE)
                .connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, listener).toCompletableFuture();
        return new Console(socket, received, closed);
    }

    /** The row another server's connect action writes. */
    private static void issuedByAnotherServer(Connection db, String secret, String vm, String account, Instant validTo)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "insert into console_ticket (secret_hash, vm, account, valid_to) values (?, ?, ?, ?)")) {
            insert.setString(1, hash(secret));
            insert.setString(2, vm);
            insert.setString(3, account);
            insert.setTimestamp(4, Timestamp.from(validTo.truncatedTo(ChronoUnit.MICROS)));
            insert.executeUpdate();
        }
    }

    private static boolean stored(Connection db, String secret) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select count(*) from console_ticket where secret_hash = ?")) {
            query.setString(1, hash(secret));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }

    private static String ticket() {
        return UUID.randomUUID() + "-" + UUID.randomUUID();
    }

    private static String hash(String secret) throws SQLException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
