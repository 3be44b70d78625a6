package dev.vireo.it;

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

/**
 * The web console's WebSocket as a browser opens it, and its tickets as a server's connect action
 * writes them in the database ({@code console_ticket}: the SHA-256 of the secret, the VM, the
 * account, until when), for tests that play another server.
 */
final class WebConsole {

    /** What a refused ticket closes the socket with. */
    static final int POLICY_VIOLATION = 1008;

    private WebConsole() {
    }

    /** A WebSocket to the console proxy: the socket once open, the first binary frame, the close code. */
    public record Socket(CompletableFuture<WebSocket> socket, CompletableFuture<byte[]> received,
                           CompletableFuture<Integer> closed) {
    }

    /** A WebSocket to the console proxy of the server at {@code base}, signed in with {@code session}, from its own page. */
    public static Socket open(String base, String vm, String ticket, String session) {
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
        URI uri = URI.create(base.replace("http:", "ws:") + "/console/vnc/" + vm + "?ticket="
                + URLEncoder.encode(ticket, StandardCharsets.UTF_8));
        CompletableFuture<WebSocket> socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("binary")
                .header("Cookie", "VIREO_SESSION=" + session).header("Origin", base)
                .connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, listener).toCompletableFuture();
        return new Socket(socket, received, closed);
    }

    /** The row another server's connect action writes. */
    public static void issuedByAnotherServer(Connection db, String secret, String vm, String account, Instant validTo)
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

    public static boolean stored(Connection db, String secret) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select count(*) from console_ticket where secret_hash = ?")) {
            query.setString(1, hash(secret));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }

    public static String newTicket() {
        return UUID.randomUUID() + "-" + UUID.randomUUID();
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
