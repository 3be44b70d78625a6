package dev.vireo.it;

import static dev.vireo.it.Vireo.anonymous;
import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Accounts, roles, tokens, sessions, permissions and the audit log, through the API. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

    private static final List<String> COLLECTIONS = List.of("/api/vms", "/api/templates", "/api/storagepools",
            "/api/storagepools/default-pool/storagevolumes", "/api/networks", "/api/tasks", "/api/config",
            "/api/config/capabilities", "/api/distros", "/api/users", "/api/user_groups", "/api/groups", "/api/roles",
            "/api/user_search", "/api/token", "/api/sessions", "/api/logs", "/plugins/kimchi/vms");

    private String suffix;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void names() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void everyCollectionWantsCredentialsAndSaysSoInJson() {
        for (String collection : COLLECTIONS) {
            anonymous().get(collection).then()
                    .statusCode(401)
                    .contentType(ContentType.JSON)
                    .header("WWW-Authenticate", containsString("Basic"))
                    .body("code", equalTo("AUTH0001E"));
        }
        // wrong credentials of each kind (a few: failures count towards the throttle)
        String user = user("users");
        TestAccounts.as(Vireo.BASE, user, "not-the-password").get("/api/vms").then()
                .statusCode(401).body("code", equalTo("AUTH0002E"));
        TestAccounts.as(Vireo.BASE, "nobody-" + suffix, "any-password").get("/api/templates").then()
                .statusCode(401).body("code", equalTo("AUTH0002E"));
        anonymous().header("X-AUTH-TOKEN", "vrt_aaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
                .get("/api/networks").then().statusCode(401).body("code", equalTo("AUTH0002E"));
        anonymous().header("Authorization", "Bearer not-a-token").get("/api/tasks").then()
                .statusCode(401).body("code", equalTo("AUTH0002E"));
        anonymous().cookie("VIREO_SESSION", "vrs_aaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
                .get("/api/vms").then().statusCode(401).body("code", equalTo("AUTH0002E"));
        as(user).get("/api/vms").then().statusCode(200);
    }

    @Test
    void eachRoleMayDoWhatItGrantsAndNothingElse() {
        String user = user("users");
        String auditor = user("auditors");
        String template = template();

        RequestSpecification asUser = as(user);
        asUser.get("/api/templates").then().statusCode(200).body("name", hasItem(template));
        asUser.get("/api/storagepools").then().statusCode(200);
        asUser.get("/api/networks").then().statusCode(200);
        refused(asUser.contentType(ContentType.JSON).body("{\"name\": \"t-" + suffix + "\", \"source_media\": {\"type\": \"netboot\"}}")
                .post("/api/templates"), user);
        refused(as(user).post("/api/storagepools/default-pool/deactivate"), user);
        refused(as(user).delete("/api/networks/default"), user);
        refused(as(user).get("/api/logs"), user);
        refused(as(user).get("/api/users"), user);
        refused(as(user).get("/api/roles/user"), user);
        String vm = finish(as(user).contentType(ContentType.JSON)
                .body("{\"name\": \"own-" + suffix + "\", \"template\": \"/api/templates/" + template + "\"}").post("/api/vms")
                .then().statusCode(202).extract().path("id"), as(user));
        as(user).post("/api/vms/" + vm + "/start").then().statusCode(200).body("state", equalTo("running"));

        RequestSpecification asAuditor = as(auditor);
        asAuditor.get("/api/vms").then().statusCode(200).body("name", hasItem(vm)).body("name", hasItem("test"));
        asAuditor.get("/api/logs").then().statusCode(200);
        asAuditor.get("/api/users").then().statusCode(200).body("$", hasItem(user));
        refused(as(auditor).post("/api/vms/" + vm + "/poweroff"), auditor);
        refused(as(auditor).delete("/api/users/" + user), auditor);
        refused(as(auditor).contentType(ContentType.JSON).body("{\"content\": \"hello\"}").post("/api/logs"), auditor);
        api().get("/api/vms/" + vm).then().body("state", equalTo("running"));

        api().post("/api/vms/" + vm + "/poweroff").then().statusCode(200);
        api().delete("/api/vms/" + vm).then().statusCode(204);
    }

    @Test
    void aUsersVmIsInvisibleToOthersUntilSharedWithThemOrTheirGroup() {
        String owner = user("users");
        String other = user("users");
        String teammate = user("users");
        String team = "team-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + team + "\", \"display\": \"Team\", \"role\": [\"user\"]}")
                .post("/api/user_groups").then().statusCode(201);
        api().post("/api/user_groups/" + team + "/members/" + teammate).then().statusCode(200).body("$", hasItem(teammate));

        String template = template();
        String vm = finish(as(owner).contentType(ContentType.JSON)
                .body("{\"name\": \"mine-" + suffix + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id"), as(owner));
        as(owner).get("/api/vms").then().body("name", hasItem(vm)).body("name", not(hasItem("test")));

        for (String outsider : List.of(other, teammate)) {
            as(outsider).get("/api/vms").then().statusCode(200).body("name", not(hasItem(vm)));
            as(outsider).get("/api/vms/" + vm).then().statusCode(404).body("code", equalTo("VMS0004E"));
            as(outsider).post("/api/vms/" + vm + "/start").then().statusCode(404);
            as(outsider).delete("/api/vms/" + vm).then().statusCode(404);
            as(outsider).get("/api/vms/" + vm + "/snapshots").then().statusCode(404);
            as(outsider).get("/api/vms/" + vm + "/storages").then().statusCode(404);
        }
        // the owner's task is the owner's too
        as(other).get("/api/tasks").then().statusCode(200).body("target_uri", not(hasItem("/api/vms/" + vm)));
        // nor do views of what the VM uses name it
        api().get("/api/networks/default").then().body("vms", hasItem(vm));
        as(other).get("/api/networks/default").then().statusCode(200).body("vms", not(hasItem(vm)));
        api().get("/api/storagepools/default-pool/storagevolumes").then().body("used_by.flatten()", hasItem(vm));
        as(other).get("/api/storagepools/default-pool/storagevolumes").then().statusCode(200)
                .body("used_by.flatten()", not(hasItem(vm)));

        as(owner).contentType(ContentType.JSON).body("{\"users\": [\"" + other + "\"], \"groups\": [\"" + team + "\"]}")
                .put("/api/vms/" + vm).then().statusCode(200);
        as(other).get("/api/vms/" + vm).then().statusCode(200).body("users", hasItem(other));
        as(other).post("/api/vms/" + vm + "/start").then().statusCode(200).body("state", equalTo("running"));
        as(teammate).post("/api/vms/" + vm + "/poweroff").then().statusCode(200).body("state", equalTo("shutoff"));
        as(teammate).get("/api/vms").then().body("name", hasItem(vm));

        as(owner).delete("/api/vms/" + vm).then().statusCode(204);
    }

    @Test
    void tokensWorkUntilRevokedAndAreShownOnlyOnce() {
        String user = user("users");
        JsonPath issued = as(user).post("/api/token").then().statusCode(200).body("ok", equalTo(true)).extract().jsonPath();
        String token = issued.getString("token");
        String id = issued.getString("id");
        assertThat(token).startsWith("vrt_" + id + ".");

        anonymous().header("X-AUTH-TOKEN", token).get("/api/templates").then().statusCode(200);
        anonymous().header("Authorization", "Bearer " + token).get("/api/templates").then().statusCode(200);
        String listed = as(user).get("/api/token").then().statusCode(200).extract().asString();
        assertThat(listed).contains(id).doesNotContain(token.substring(token.indexOf('.') + 1));
        as(user).get("/api/token/" + id).then().statusCode(200)
                .body(id + ".user", equalTo(user))
                .body(id + ".last", org.hamcrest.Matchers.notNullValue());
        // other users do not see it
        as(user("users")).get("/api/token/" + id).then().statusCode(404).body("code", equalTo("TOKN0001E"));
        // a VM created with the token is the token's (and its user's); one created with a password is not the token's
        String template = template();
        String withToken = finish(anonymous().header("X-AUTH-TOKEN", token).contentType(ContentType.JSON)
                .body("{\"name\": \"tok-" + suffix + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id"), as(user));
        String withPassword = finish(as(user).contentType(ContentType.JSON)
                .body("{\"name\": \"pw-" + suffix + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id"), as(user));
        as(user).get("/api/token/" + token).then().statusCode(200)
                .body(id + ".vms.shutoff", equalTo(List.of(withToken)));
        as(user).get("/api/vms").then().body("name", hasItem(withToken)).body("name", hasItem(withPassword));

        as(user).delete("/api/token/" + id).then().statusCode(200).body("ok", equalTo(true));
        anonymous().header("X-AUTH-TOKEN", token).get("/api/templates").then().statusCode(401).body("code", equalTo("AUTH0002E"));
        as(user).get("/api/token/" + id).then().statusCode(404);
        api().delete("/api/vms/" + withToken).then().statusCode(204);
        api().delete("/api/vms/" + withPassword).then().statusCode(204);
    }

    @Test
    void sessionsLogInRefreshExpireAndLogOut() throws Exception {
        String user = user("users");
        JsonPath opened = anonymous().contentType(ContentType.JSON)
                .body("{\"user\": \"" + user + "\", \"password\": \"" + password(user) + "\", \"nonce\": \"1\", \"timeout\": 120}")
                .post("/api/sessions").then().statusCode(200)
                .cookie("VIREO_SESSION")
                .body("timeout", equalTo(120)).extract().jsonPath();
        String session = opened.getString("session");
        String id = opened.getString("id");

        anonymous().header("Authorization", "Bearer " + session).get("/api/sessions/" + id).then().statusCode(200)
                .body("user", equalTo(user))
                .body("permissions", hasItem("vm.create"))
                .body("permissions", not(hasItem("account.manage")));
        anonymous().cookie("VIREO_SESSION", session).get("/api/vms").then().statusCode(200);
        anonymous().header("Authorization", "Bearer " + session).contentType(ContentType.JSON).body("{\"timeout\": 600}")
                .put("/api/sessions/" + id).then().statusCode(200).body("timeout", equalTo(600));
        api().get("/api/sessions").then().statusCode(200).body("session", hasItem(id));

        // an expired session stops at its end (the shortest a session lasts, a minute: in the meantime the rest runs)
        String brief = anonymous().contentType(ContentType.JSON)
                .body("{\"user\": \"" + user + "\", \"password\": \"" + password(user) + "\", \"timeout\": 60}")
                .post("/api/sessions").then().statusCode(200).extract().path("session");
        anonymous().header("Authorization", "Bearer " + brief).get("/api/vms").then().statusCode(200);
        Instant briefEnds = Instant.now().plusSeconds(60);

        String second = anonymous().contentType(ContentType.JSON)
                .body("{\"user\": \"" + user + "\", \"password\": \"" + password(user) + "\"}")
                .post("/api/sessions").then().statusCode(200).extract().path("session");
        anonymous().header("Authorization", "Bearer " + second).delete("/api/sessions/" + second).then().statusCode(204);
        anonymous().header("Authorization", "Bearer " + second).get("/api/vms").then().statusCode(401);

        anonymous().contentType(ContentType.JSON).body("{\"user\": \"" + user + "\", \"password\": \"wrong-one-1\"}")
                .post("/api/sessions").then().statusCode(401).body("code", equalTo("AUTH0002E"));

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() ->
                anonymous().header("Authorization", "Bearer " + brief).get("/api/vms").statusCode() == 401);
        assertThat(Instant.now()).isAfterOrEqualTo(briefEnds.minusSeconds(5));
    }

    @Test
    void repeatedFailuresForOneAccountAreSlowedThenRefused() {
        String user = user("users");
        int refusedAt = -1;
        for (int attempt = 1; attempt <= 12 && refusedAt < 0; attempt++) {
            int status = TestAccounts.as(Vireo.BASE, user, "wrong-" + attempt + "-pw").get("/api/vms").then()
                    .extract().statusCode();
            if (status == 429) {
                refusedAt = attempt;
            } else {
                assertThat(status).isEqualTo(401);
            }
        }
        assertThat(refusedAt).as("the attempt refused with 429").isBetween(6, 12);
        // while refused, even the right password waits
        as(user).get("/api/vms").then().statusCode(429).body("code", equalTo("AUTH0003E"))
                .body("reason", containsString("seconds"));
        // other accounts from the same address still work
        api().get("/api/vms").then().statusCode(200);
        api().get("/api/logs?limit=50").then().body("findAll { it.user == '" + user + "' && it.action == 'login' }.result",
                hasItem("AUTH0002E"));
    }

    @Test
    void usersManageTheirOwnPasswordAndProfileOnly() {
        String user = user("users");
        String other = user("users");
        as(user).get("/api/users/" + user).then().statusCode(200).body("name", equalTo(user))
                .body("groups", hasItem("users")).body("$", not(org.hamcrest.Matchers.hasKey("password")));
        as(user).get("/api/users/" + other).then().statusCode(404);
        as(user).contentType(ContentType.JSON).body("{\"nick\": \"Me\", \"mail\": \"me@example.org\"}")
                .put("/api/users/" + user).then().statusCode(200).body("nick", equalTo("Me"));
        as(user).contentType(ContentType.JSON).body("{\"groups\": [\"admins\"]}").put("/api/users/" + user).then()
                .statusCode(403).body("code", equalTo("AUTH0004E"));
        as(user).contentType(ContentType.JSON).body("{\"old\": \"not-it-at-all\", \"new\": \"next-password-2\"}")
                .put("/api/users/" + user + "/password").then().statusCode(400).body("code", equalTo("USER0003E"));
        as(user).contentType(ContentType.JSON).body("{\"old\": \"" + password(user) + "\", \"new\": \"short\"}")
                .put("/api/users/" + user + "/password").then().statusCode(400).body("code", equalTo("USER0004E"));
        as(user).contentType(ContentType.JSON).body("{\"old\": \"" + password(user) + "\", \"new\": \"next-password-2\"}")
                .put("/api/users/" + user + "/password").then().statusCode(204);
        // the old password stops at once, even though it was just used
        as(user).get("/api/vms").then().statusCode(401);
        TestAccounts.as(Vireo.BASE, user, "next-password-2").get("/api/vms").then().statusCode(200);
    }

    @Test
    void groupsRolesAndMembersFollowNanosShapes() {
        String role = "viewer-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + role + "\", \"permissions\": [\"vm.read\", \"template.read\"]}")
                .post("/api/roles").then().statusCode(201).body("builtin", equalTo(false));
        api().contentType(ContentType.JSON).body("{\"permissions\": [\"vm.fly\"]}").put("/api/roles/" + role).then()
                .statusCode(400).body("code", equalTo("ROLE0004E"));
        api().contentType(ContentType.JSON).body("{\"permissions\": [\"vm.read\"]}").put("/api/roles/admin").then()
                .statusCode(409).body("code", equalTo("ROLE0003E"));
        api().get("/api/roles").then().body("$", hasItem("auditor")).body("$", hasItem(role));

        String group = "viewers-" + suffix;
        api().contentType(ContentType.JSON).body("{\"display\": \"Viewers\", \"role\": [\"" + role + "\"]}")
                .post("/api/user_groups/" + group).then().statusCode(201);
        String viewer = user(group);
        api().get("/api/user_groups").then().body("find { it.name == '" + group + "' }.member", equalTo(1));
        api().get("/api/user_groups/" + group).then().body("role", hasItem(role)).body("member", hasItem(viewer));
        api().get("/api/user_search?group=" + group).then().body("$", equalTo(List.of(viewer)));
        api().get("/api/groups").then().body("$", hasItem(group));
        api().get("/api/users?_user_id=" + viewer).then().body("$", equalTo(List.of(viewer)));
        api().get("/api/users?_user_id=nobody-" + suffix).then().body("$", equalTo(List.of()));

        as(viewer).get("/api/templates").then().statusCode(200);
        refused(as(viewer).get("/api/networks"), viewer);
        api().delete("/api/roles/" + role).then().statusCode(409).body("code", equalTo("ROLE0005E"));
        // a changed role applies to the next request
        api().contentType(ContentType.JSON).body("{\"permissions\": [\"vm.read\", \"template.read\", \"network.read\"]}")
                .put("/api/roles/" + role).then().statusCode(200);
        as(viewer).get("/api/networks").then().statusCode(200);
        api().delete("/api/user_groups/" + group + "/members/" + viewer).then().statusCode(204);
        refused(as(viewer).get("/api/templates"), viewer);

        api().delete("/api/user_groups/admins").then().statusCode(409).body("code", equalTo("GRP0003E"));
        api().delete("/api/users/admin").then().statusCode(409).body("code", equalTo("USER0005E"));
        api().delete("/api/user_groups/" + group).then().statusCode(204);
        api().delete("/api/roles/" + role).then().statusCode(204);
    }

    @Test
    void theAuditLogHoldsEachChangeAndEachRefusalButNoSecrets() throws IOException {
        String user = user("users");
        String template = template();
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"}}")
                .post("/api/templates").then().statusCode(409);
        refused(as(user).delete("/api/templates/" + template), user);
        api().delete("/api/templates/" + template).then().statusCode(204);
        api().contentType(ContentType.JSON).body("{\"format\": \"string\", \"content\": \"nightly job " + suffix + " done\"}")
                .post("/api/logs").then().statusCode(201).body("user", equalTo("admin"));

        JsonPath log = api().get("/api/logs?limit=200").then().statusCode(200).extract().jsonPath();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < log.getList("$").size(); i++) {
            lines.add(log.getString("[" + i + "].user") + " " + log.getString("[" + i + "].action") + " "
                    + log.getString("[" + i + "].target") + " " + log.getString("[" + i + "].result"));
        }
        assertThat(lines).contains(
                "admin template.create " + template + " ok",
                "admin template.create " + template + " TMPL0002E",
                user + " refused DELETE /api/templates/" + template + " AUTH0004E",
                "admin template.delete " + template + " ok",
                "admin user.create " + user + " ok");
        assertThat(lines.stream().filter(line -> line.startsWith(user + " template."))).isEmpty();
        assertThat(log.getList("content", String.class)).contains("nightly job " + suffix + " done");
        api().get("/api/logs?limit=1&after=2000-01-01").then().body("size()", equalTo(1));
        api().get("/api/logs?before=2000-01-01 00:00:00").then().body("size()", equalTo(0));
        api().get("/api/logs?after=yesterday").then().statusCode(400).body("code", equalTo("LOG0001E"));
        // numbers of any size: a 400 naming the parameter, never a 404 for an unconvertible one
        for (String query : List.of("limit=1000000000000", "limit=0", "start=-1000000000000", "limit=ten", "start=1.5",
                "start=1000000000000")) {
            api().get("/api/logs?" + query).then().statusCode(400).body("code", equalTo("LOG0001E"))
                    .body("reason", containsString(query.substring(0, query.indexOf('='))));
        }
        api().get("/api/logs?start=2147483647").then().statusCode(200).body("size()", equalTo(0));

        String everything = api().get("/api/logs?limit=1000").asString() + api().get("/api/users/" + user).asString()
                + api().get("/api/sessions").asString() + api().get("/api/token").asString();
        String serverLog = Files.readString(Path.of(System.getProperty("vireo.it.server"), "standalone", "log", "server.log"));
        for (String secret : List.of(password(user), TestAccounts.ADMIN_PASSWORD)) {
            assertThat(everything).doesNotContain(secret);
            assertThat(serverLog).doesNotContain(secret);
        }
    }

    @Test
    void onlyTheOwnerOrAnAccountManagerRevokesATokenOrEndsOrRefreshesASession() throws Exception {
        String owner = user("users");
        String auditor = user("auditors");
        String other = user("users");
        JsonPath issued = as(owner).post("/api/token").then().statusCode(200).extract().jsonPath();
        String token = issued.getString("token");
        String tokenId = issued.getString("id");
        JsonPath opened = login(owner, 120).then().statusCode(200).extract().jsonPath();
        String session = opened.getString("session");
        String sessionId = opened.getString("id");

        // the auditor sees both (it reads everything) but may change neither: 403, as for any change it may not make
        as(auditor).get("/api/token/" + tokenId).then().statusCode(200);
        as(auditor).get("/api/sessions/" + sessionId).then().statusCode(200);
        refused(as(auditor).delete("/api/token/" + tokenId), auditor);
        refused(as(auditor).delete("/api/sessions/" + sessionId), auditor);
        refused(as(auditor).contentType(ContentType.JSON).body("{\"timeout\": 86400}").put("/api/sessions/" + sessionId), auditor);
        // a plain user does not even see them: 404, as for anything one may not see
        as(other).delete("/api/token/" + tokenId).then().statusCode(404).body("code", equalTo("TOKN0001E"));
        as(other).delete("/api/sessions/" + sessionId).then().statusCode(404).body("code", equalTo("SESS0001E"));
        as(other).contentType(ContentType.JSON).body("{\"timeout\": 86400}").put("/api/sessions/" + sessionId).then()
                .statusCode(404).body("code", equalTo("SESS0001E"));

        anonymous().header("X-AUTH-TOKEN", token).get("/api/templates").then().statusCode(200);
        anonymous().header("Authorization", "Bearer " + session).get("/api/templates").then().statusCode(200);
        assertThat(keysOf(owner)).containsExactlyInAnyOrder(tokenId, sessionId);
        assertThat(timeoutOf(sessionId)).isEqualTo(120);

        // the owner and an account manager may
        api().contentType(ContentType.JSON).body("{\"timeout\": 600}").put("/api/sessions/" + sessionId).then()
                .statusCode(200).body("timeout", equalTo(600));
        api().delete("/api/token/" + tokenId).then().statusCode(200);
        anonymous().header("X-AUTH-TOKEN", token).get("/api/templates").then().statusCode(401);
        anonymous().header("Authorization", "Bearer " + session).delete("/api/sessions/" + sessionId).then().statusCode(204);
        assertThat(keysOf(owner)).isEmpty();
    }

    @Test
    void aPasswordChangeEndsSessionsAndTokensUnlessTheTokensAreKept() throws Exception {
        String user = user("users");
        String token = as(user).post("/api/token").then().statusCode(200).extract().path("token");
        String session = login(user, 600).then().statusCode(200).extract().path("session");
        as(user).contentType(ContentType.JSON).body("{\"old\": \"" + password(user) + "\", \"new\": \"second-password-2\"}")
                .put("/api/users/" + user + "/password").then().statusCode(204);
        anonymous().header("X-AUTH-TOKEN", token).get("/api/templates").then().statusCode(401);
        anonymous().header("Authorization", "Bearer " + session).get("/api/templates").then().statusCode(401);
        assertThat(keysOf(user)).isEmpty();

        RequestSpecification second = TestAccounts.as(Vireo.BASE, user, "second-password-2");
        String kept = second.post("/api/token").then().statusCode(200).extract().path("token");
        String ended = anonymous().contentType(ContentType.JSON)
                .body("{\"user\": \"" + user + "\", \"password\": \"second-password-2\"}")
                .post("/api/sessions").then().statusCode(200).extract().path("session");
        TestAccounts.as(Vireo.BASE, user, "second-password-2").contentType(ContentType.JSON)
                .body("{\"old\": \"second-password-2\", \"new\": \"third-password-3\", \"keep_tokens\": true}")
                .put("/api/users/" + user + "/password").then().statusCode(204);
        anonymous().header("X-AUTH-TOKEN", kept).get("/api/templates").then().statusCode(200);
        anonymous().header("Authorization", "Bearer " + ended).get("/api/templates").then().statusCode(401);

        // an account manager's reset ends them as well
        api().contentType(ContentType.JSON).body("{\"new\": \"fourth-password-4\"}").put("/api/users/" + user + "/password")
                .then().statusCode(204);
        anonymous().header("X-AUTH-TOKEN", kept).get("/api/templates").then().statusCode(401);
        assertThat(keysOf(user)).isEmpty();
    }

    @Test
    void eachSecretWorksOnlyAsWhatItWasIssuedFor() {
        String user = user("users");
        String token = as(user).post("/api/token").then().statusCode(200).extract().path("token");
        String session = login(user, 600).then().statusCode(200).extract().path("session");

        anonymous().header("X-AUTH-TOKEN", token).get("/api/templates").then().statusCode(200);
        anonymous().cookie("VIREO_SESSION", session).get("/api/templates").then().statusCode(200);
        anonymous().header("Authorization", "Bearer " + token).get("/api/templates").then().statusCode(200);
        anonymous().header("Authorization", "Bearer " + session).get("/api/templates").then().statusCode(200);

        anonymous().header("X-AUTH-TOKEN", session).get("/api/templates").then().statusCode(401).body("code", equalTo("AUTH0002E"));
        anonymous().cookie("VIREO_SESSION", token).get("/api/templates").then().statusCode(401).body("code", equalTo("AUTH0002E"));
        api().get("/api/logs?action=login&limit=50").then()
                .body("content", hasItem(containsString("a session sent as an API token")))
                .body("content", hasItem(containsString("an API token sent as the session cookie")));
    }

    @Test
    void sessionTimeoutsOutsideTheirRangeAreRefusedNamingTheFieldAndTheRange() throws Exception {
        String user = user("users");
        // 10^12 once wrapped around to a negative number; 4294967896 wraps around to 600 as a 32-bit number
        for (String timeout : List.of("1000000000000", "4294967896", "59", "86401", "-600")) {
            login(user, timeout).then().statusCode(400).body("code", equalTo("SESS0002E"))
                    .body("reason", containsString("timeout"))
                    .body("reason", containsString(new java.math.BigDecimal(timeout).toPlainString()))
                    .body("reason", containsString("60 to 86400"));
        }
        // no whole number of seconds a long holds: refused as the body is read, naming the field
        for (String timeout : List.of("1e30", "600.5", "\"600\"")) {
            login(user, timeout).then().statusCode(400).body("code", equalTo("API0002E"))
                    .body("reason", containsString("timeout"));
        }
        assertThat(keysOf(user)).isEmpty();
        JsonPath opened = login(user, 600).then().statusCode(200).extract().jsonPath();
        String id = opened.getString("id");
        anonymous().header("Authorization", "Bearer " + opened.getString("session")).contentType(ContentType.JSON)
                .body("{\"timeout\": 1000000000000}").put("/api/sessions/" + id).then()
                .statusCode(400).body("code", equalTo("SESS0002E")).body("reason", containsString("1000000000000"));
        assertThat(timeoutOf(id)).isEqualTo(600);
    }

    // helpers

    /** A new account in {@code group} (default role of its members); its password is {@link #password}. */
    private String user(String group) {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"password\": \"" + password(name) + "\", \"mail\": \"" + name
                        + "@example.org\", \"groups\": [\"" + group + "\"]}")
                .post("/api/users").then().statusCode(201)
                .body("name", equalTo(name))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")));
        return name;
    }

    private io.restassured.response.Response login(String user, Object timeout) {
        return anonymous().contentType(ContentType.JSON)
                .body("{\"user\": \"" + user + "\", \"password\": \"" + password(user) + "\", \"timeout\": " + timeout + "}")
                .post("/api/sessions");
    }

    /** The ids of the tokens and sessions of {@code owner} in the database. */
    private static List<String> keysOf(String owner) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select id from access_key where owner = ?")) {
            query.setString(1, owner);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static Integer timeoutOf(String sessionId) throws Exception {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select timeout_seconds from access_key where id = ?")) {
            query.setString(1, sessionId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getInt(1) : null;
            }
        }
    }

    private static String password(String user) {
        return "pw-" + new StringBuilder(user).reverse() + "-7";
    }

    private static RequestSpecification as(String user) {
        return TestAccounts.as(Vireo.BASE, user, password(user));
    }

    private static void refused(io.restassured.response.Response response, String user) {
        response.then().statusCode(403).body("code", equalTo("AUTH0004E")).body("reason", containsString(user));
    }

    private String template() {
        String name = "sec-" + suffix;
        api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"memory\": {\"current\": 256, \"maxmemory\": 512},"
                        + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        return name;
    }

    /** Waits for a VM-creating task and answers the VM's name. */
    private static String finish(String taskId, RequestSpecification as) {
        JsonPath[] task = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            task[0] = TestAccounts.asAdmin(Vireo.BASE).get("/api/tasks/" + taskId).then().extract().jsonPath();
            return !"running".equals(task[0].getString("status"));
        });
        assertThat(task[0].getString("status")).as(task[0].getString("message")).isEqualTo("finished");
        return task[0].getString("target_uri").substring("/api/vms/".length());
    }
}
