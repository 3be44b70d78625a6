package dev.vireo.it;

import static dev.vireo.it.Vireo.anonymous;
import static dev.vireo.it.Vireo.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.vireo.TestAccounts;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cross-site request forgery: what another site's page can make a browser send with the session
 * cookie (or remembered Basic credentials) changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrossSiteIT {

    private static final String EVIL = "http://evil.example";
    /** The same host on another port: the same site (SameSite does not help), another origin. */
    private static final String SAME_SITE = "http://localhost:1";
    /** Lets REST Assured send a form content type with an empty body as it is, as a browser's form does. */
    private static final RestAssuredConfig AS_IS = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private String user;
    private String adminSession;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void signIn() {
        user = "x" + UUID.randomUUID().toString().substring(0, 8);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + user + "\", \"password\": \"pw-" + user + "-1\"}")
                .post("/api/users").then().statusCode(201);
        adminSession = anonymous().contentType(ContentType.JSON)
                .body("{\"user\": \"admin\", \"password\": \"" + TestAccounts.ADMIN_PASSWORD + "\"}")
                .post("/api/sessions").then().statusCode(200).extract().path("session");
    }

    private RequestSpecification withCookie() {
        return given().baseUri(Vireo.BASE).config(AS_IS).accept(ContentType.JSON).cookie("VIREO_SESSION", adminSession);
    }

    private void notAnAdmin() {
        api().get("/api/user_groups/admins").then().statusCode(200).body("member", not(hasItem(user)));
    }

    @Test
    void aFormPostedFromAnotherSiteWithTheSessionCookieChangesNothing() {
        // the reproduction: another site's form, urlencoded, empty body
        for (String origin : List.of(EVIL, SAME_SITE, "null")) {
            withCookie().header("Origin", origin).contentType("application/x-www-form-urlencoded").body("")
                    .post("/api/user_groups/admins/members/" + user).then()
                    .statusCode(403).contentType(ContentType.JSON).body("code", equalTo("AUTH0005E"));
            withCookie().header("Origin", origin).contentType("text/plain").body("")
                    .post("/plugins/kimchi/user_groups/admins/members/" + user).then()
                    .statusCode(403).body("code", equalTo("AUTH0005E"));
        }
        // neither Origin nor Referer: refused, since nothing says where it comes from
        withCookie().header("X-Requested-With", "XMLHttpRequest").post("/api/user_groups/admins/members/" + user).then()
                .statusCode(403).body("code", equalTo("AUTH0005E"));
        // our own origin, but without the header a cross-site form cannot send
        withCookie().header("Origin", Vireo.BASE).contentType("application/x-www-form-urlencoded").body("")
                .post("/api/user_groups/admins/members/" + user).then().statusCode(403).body("code", equalTo("AUTH0005E"));
        notAnAdmin();

        // tokens and VM actions the same
        int tokens = api().get("/api/token").then().statusCode(200).extract().jsonPath().getMap("$").size();
        withCookie().header("Origin", EVIL).contentType("application/x-www-form-urlencoded").body("").post("/api/token")
                .then().statusCode(403);
        assertThat(api().get("/api/token").then().extract().jsonPath().getMap("$")).hasSize(tokens);
        String state = api().get("/api/vms/test").then().statusCode(200).extract().path("state");
        withCookie().header("Origin", SAME_SITE).contentType("text/plain").body("").post("/api/vms/test/suspend")
                .then().statusCode(403);
        api().get("/api/vms/test").then().body("state", equalTo(state));

        // what the console's own scripts would send passes: own Origin (or Referer) and the header
        withCookie().header("Origin", Vireo.BASE).header("X-Requested-With", "XMLHttpRequest")
                .post("/api/user_groups/admins/members/" + user).then().statusCode(200).body("$", hasItem(user));
        withCookie().header("Referer", Vireo.BASE + "/console/users.xhtml").header("X-Requested-With", "XMLHttpRequest")
                .delete("/api/user_groups/admins/members/" + user).then().statusCode(204);
        notAnAdmin();
        // reading needs none of it
        withCookie().header("Origin", EVIL).get("/api/user_groups/admins").then().statusCode(200);
    }

    @Test
    void formContentTypesAreRefusedOnJsonEndpointsWhateverTheCredentials() {
        String state = api().get("/api/vms/test").then().statusCode(200).extract().path("state");
        for (String path : List.of("/api/user_groups/admins/members/" + user, "/plugins/kimchi/user_groups/admins/members/" + user,
                "/api/token", "/api/templates", "/api/vms/test/suspend")) {
            api().config(AS_IS).contentType("application/x-www-form-urlencoded").body("a=b").post(path).then()
                    .statusCode(415).contentType(ContentType.JSON).body("code", equalTo("API0006E"));
            api().config(AS_IS).contentType("text/plain").body("{}").post(path).then()
                    .statusCode(415).contentType(ContentType.JSON).body("code", equalTo("API0006E"));
            api().multiPart("a", "b").post(path).then()
                    .statusCode(415).contentType(ContentType.JSON).body("code", equalTo("API0006E"));
        }
        api().get("/api/vms/test").then().body("state", equalTo(state));
        notAnAdmin();
        // the chunk upload takes multipart: it gets past the content type (to a volume that awaits no upload)
        Response chunk = api().multiPart("chunk_size", "1").multiPart("chunk", "blob", new byte[] {1}, "application/octet-stream")
                .put("/api/storagepools/default-pool/storagevolumes/no-such-" + user);
        assertThat(chunk.statusCode()).isNotEqualTo(415).isBetween(400, 499);
        assertThat(chunk.jsonPath().getString("code")).isNotEqualTo("API0006E");
    }

    @Test
    void consolePostbacksNeedOurOwnOriginButNoExtraHeader() {
        withCookie().header("Origin", EVIL).contentType("application/x-www-form-urlencoded").body("a=b")
                .post("/console/index.xhtml").then().statusCode(403).body("code", equalTo("AUTH0005E"));
        withCookie().header("Origin", SAME_SITE).multiPart("a", "b").post("/console/storage.xhtml").then()
                .statusCode(403).body("code", equalTo("AUTH0005E"));
        // a Faces POST from our own page (here without view state: the page is shown as for a GET)
        Response own = withCookie().header("Origin", Vireo.BASE).contentType("application/x-www-form-urlencoded").body("a=b")
                .post("/console/index.xhtml");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.asString()).contains("Dashboard");
    }

    @Test
    void rememberedBasicCredentialsDoNotWorkFromAnotherSitesPage() {
        api().header("Origin", EVIL).post("/api/user_groups/admins/members/" + user).then()
                .statusCode(403).body("code", equalTo("AUTH0005E"));
        notAnAdmin();
        // a program sends no Origin
        api().post("/api/user_groups/admins/members/" + user).then().statusCode(200);
        api().delete("/api/user_groups/admins/members/" + user).then().statusCode(204);
    }

    @Test
    void theConsoleSocketOpensOnlyFromOurOwnPages() throws Exception {
        String uri = Vireo.BASE.replace("http:", "ws:") + "/console/vnc/test?ticket=none";
        // another site's page: refused before the handshake
        given().baseUri(Vireo.BASE).cookie("VIREO_SESSION", adminSession).header("Origin", SAME_SITE)
                .header("Connection", "Upgrade").header("Upgrade", "websocket").header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").get("/console/vnc/test?ticket=none")
                .then().statusCode(403).body("code", equalTo("AUTH0005E"));
        assertThat(handshake(uri, SAME_SITE)).isEqualTo(403);
        // our own page gets the handshake (then the proxy closes the socket for the wrong ticket)
        assertThat(handshake(uri, Vireo.BASE)).isEqualTo(101);
    }

    /** The HTTP status of a WebSocket handshake with the session cookie from a page of {@code origin}. */
    private int handshake(String uri, String origin) throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(null);
                return null;
            }
        };
        try {
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("binary")
                    .header("Cookie", "VIREO_SESSION=" + adminSession).header("Origin", origin)
                    .connectTimeout(Duration.ofSeconds(10)).buildAsync(URI.create(uri), listener).get(15, TimeUnit.SECONDS);
            socket.abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }
}
