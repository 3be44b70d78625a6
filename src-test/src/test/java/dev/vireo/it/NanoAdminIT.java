package dev.vireo.it;

import static dev.vireo.it.Vireo.anonymous;
import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
 * Nano's front-end management ({@code nano-api.md}, Group FrontEnd Management): roles, user groups
 * and members, users, passwords, user search, sessions and logs, each over Vireo's own accounts,
 * sessions and audit log. Every route with its success, its documented errors and its bad inputs;
 * the effects are read in the database and through the native API, and a refused request changes
 * nothing there.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NanoAdminIT {

    private static final String PASSWORD = "nano-pass-1";
    /** The menus of the built-in role user: the pages whose content it may read. */
    private static final List<String> USER_MENUS = List.of("dashboard", "compute_pool", "address_pool", "storage_pool",
            "instance", "media_image", "disk_image");

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    // roles

    @Test
    void rolesAreGivenAndShownAsNanosMenus() throws SQLException {
        String role = name("role");
        api().get("/nano/roles/").then().statusCode(200).body("error_code", equalTo(0))
                .body("data", hasItems("admin", "user", "auditor"));
        api().get("/nano/roles/user").then().statusCode(200)
                .body("data.menu", equalTo(USER_MENUS)).body("data.resource", hasItems("vm.read", "vm.manage"));

        // the seed's example: exactly its menus come back
        nano("POST", "/nano/roles/" + role, "{\"menu\": [\"dashboard\", \"compute_pool\", \"address_pool\", \"instance\"]}")
                .statusCode(200).body("error_code", equalTo(0))
                .body("data.menu", equalTo(List.of("dashboard", "compute_pool", "address_pool", "instance")));
        List<String> granted = List.of("host.manage", "host.read", "network.manage", "network.read", "task.read",
                "vm.create", "vm.manage", "vm.read");
        assertThat(permissionsOf(role)).isEqualTo(granted);
        api().get("/api/roles/" + role).then().statusCode(200).body("permissions", equalTo(granted));
        api().get("/nano/roles/" + role).then().statusCode(200).body("data.resource", equalTo(granted));

        // Vireo's permissions can be named too; they open the menus whose pages they read
        nano("PUT", "/nano/roles/" + role, "{\"menu\": [\"log\"], \"resource\": [\"storage.read\"]}").statusCode(200)
                .body("data.menu", equalTo(List.of("storage_pool", "log")))
                .body("data.resource", equalTo(List.of("audit.read", "audit.write", "storage.read")));
        List<String> changed = List.of("audit.read", "audit.write", "storage.read");
        assertThat(permissionsOf(role)).isEqualTo(changed);

        // documented errors and bad input: nothing changes
        nano("POST", "/nano/roles/" + role, "{\"menu\": []}").statusCode(409).body("data.code", equalTo("ROLE0002E"));
        api().get("/nano/roles/" + name("none")).then().statusCode(404).body("error_code", equalTo(404))
                .body("data.code", equalTo("ROLE0001E"));
        nano("PUT", "/nano/roles/user", "{\"menu\": [\"dashboard\"]}").statusCode(409).body("data.code", equalTo("ROLE0003E"));
        nano("PUT", "/nano/roles/" + role, "{\"menu\": [\"dashboard\", \"teapot\"]}").statusCode(400)
                .body("data.code", equalTo("NFE0001E")).body("message", containsString("teapot"));
        nano("PUT", "/nano/roles/" + role, "{\"menu\": [null]}").statusCode(400).body("data.code", equalTo("NFE0001E"));
        nano("PUT", "/nano/roles/" + role, "{\"resource\": [\"vm.fly\"]}").statusCode(400).body("data.code", equalTo("ROLE0004E"));
        nano("PUT", "/nano/roles/" + role, "{\"resource\": [null]}").statusCode(400).body("data.code", equalTo("ROLE0004E"));
        nano("PUT", "/nano/roles/" + role, "{}").statusCode(400).body("data.code", equalTo("API0010E"));
        nano("PUT", "/nano/roles/" + role, "{\"menu\": \"dashboard\"}").statusCode(400).body("error_code", equalTo(400));
        nano("PUT", "/nano/roles/" + role, "{\"menu\": [], \"colour\": 1}").statusCode(400).body("data.code", equalTo("API0003E"));
        api().contentType(ContentType.JSON).put("/nano/roles/" + role).then().statusCode(400).body("data.code", equalTo("API0008E"));
        assertThat(permissionsOf(role)).isEqualTo(changed);
        nano("POST", "/nano/roles/-bad", "{\"menu\": []}").statusCode(400).body("error_code", equalTo(400));
        assertThat(permissionsOf("-bad")).isEmpty();
        String plain = user(name("plain"), PASSWORD);
        try {
            as(plain).contentType(ContentType.JSON).body("{\"menu\": []}").put("/nano/roles/" + role).then()
                    .statusCode(403).body("data.code", equalTo("AUTH0004E"));
            assertThat(permissionsOf(role)).isEqualTo(changed);

            // a role a group has cannot go; once the group is gone it can
            String group = name("group");
            nano("POST", "/nano/user_groups/" + group, "{\"display\": \"Role holders\", \"role\": [\"" + role + "\"]}")
                    .statusCode(200);
            api().delete("/nano/roles/" + role).then().statusCode(409).body("data.code", equalTo("ROLE0005E"))
                    .body("message", containsString(group));
            api().delete("/nano/user_groups/" + group).then().statusCode(200);
            api().delete("/nano/roles/" + role).then().statusCode(200).body("error_code", equalTo(0)).body("data", nullValue());
            assertThat(count("select count(*) from role where name = ?", role)).isZero();
            api().delete("/nano/roles/" + role).then().statusCode(404).body("data.code", equalTo("ROLE0001E"));
            api().delete("/nano/roles/admin").then().statusCode(409).body("data.code", equalTo("ROLE0003E"));
        } finally {
            api().delete("/api/users/" + plain);
        }
    }

    // user groups and members

    @Test
    void userGroupsAndTheirMembersAreVireosGroups() throws SQLException {
        String group = name("group");
        String member = user(name("member"), PASSWORD);
        try {
            nano("POST", "/nano/user_groups/" + group, "{\"display\": \"Group of Manager\", \"role\": [\"user\", \"auditor\"]}")
                    .statusCode(200).body("data.name", equalTo(group)).body("data.display", equalTo("Group of Manager"))
                    .body("data.role", equalTo(List.of("auditor", "user"))).body("data.member", empty());
            assertThat(count("select count(*) from user_group where name = ? and display = 'Group of Manager'", group)).isOne();
            api().get("/nano/user_groups/").then().statusCode(200)
                    .body("data.find { it.name == '" + group + "' }.display", equalTo("Group of Manager"))
                    .body("data.find { it.name == '" + group + "' }.member", equalTo(0));

            api().post("/nano/user_groups/" + group + "/members/" + member).then().statusCode(200)
                    .body("data", equalTo(List.of(member)));
            assertThat(count("select count(*) from user_group_member m join user_group g on g.id = m.user_group_id "
                    + "join account a on a.id = m.account_id where g.name = ? and a.name = ?", group, member)).isOne();
            api().get("/nano/user_groups/" + group + "/members/").then().statusCode(200).body("data", equalTo(List.of(member)));
            api().get("/nano/user_groups/" + group).then().statusCode(200).body("data.member", equalTo(List.of(member)));
            api().get("/nano/user_groups/").then().body("data.find { it.name == '" + group + "' }.member", equalTo(1));
            api().get("/nano/user_search/?group=" + group).then().statusCode(200).body("data", equalTo(List.of(member)));
            api().get("/nano/user_search/").then().statusCode(200).body("data", hasItems("admin", member));
            api().get("/api/user_groups/" + group).then().body("member", equalTo(List.of(member)));
            // the member now has what the group's roles grant (the auditor's audit.read)
            as(member).get("/api/logs?limit=1").then().statusCode(200);

            nano("PUT", "/nano/user_groups/" + group, "{\"display\": \"Managers\"}").statusCode(200)
                    .body("data.display", equalTo("Managers")).body("data.role", equalTo(List.of("auditor", "user")));
            nano("PUT", "/nano/user_groups/" + group, "{\"role\": [\"user\"]}").statusCode(200)
                    .body("data.role", equalTo(List.of("user")));
            api().get("/api/user_groups/" + group).then().body("role", equalTo(List.of("user")));

            // documented errors and bad input: nothing changes
            nano("POST", "/nano/user_groups/" + group, "{\"display\": \"again\"}").statusCode(409).body("data.code", equalTo("GRP0002E"));
            api().get("/nano/user_groups/" + name("none")).then().statusCode(404).body("data.code", equalTo("GRP0001E"));
            nano("PUT", "/nano/user_groups/" + group, "{\"role\": [\"" + name("none") + "\"]}").statusCode(404)
                    .body("data.code", equalTo("ROLE0001E"));
            nano("PUT", "/nano/user_groups/" + group, "{\"display\": \"" + "x".repeat(201) + "\"}").statusCode(400);
            nano("PUT", "/nano/user_groups/" + group, "{\"role\": \"user\"}").statusCode(400);
            nano("PUT", "/nano/user_groups/" + group, "{\"name\": \"renamed\"}").statusCode(400).body("data.code", equalTo("API0003E"));
            nano("PUT", "/nano/user_groups/users", "{\"role\": [\"admin\"]}").statusCode(409).body("data.code", equalTo("GRP0003E"));
            api().get("/api/user_groups/" + group).then().body("role", equalTo(List.of("user"))).body("display", equalTo("Managers"));
            api().get("/api/user_groups/users").then().body("role", equalTo(List.of("user")));
            nano("POST", "/nano/user_groups/-bad", "{}").statusCode(400);
            assertThat(count("select count(*) from user_group where name = '-bad'")).isZero();
            api().post("/nano/user_groups/" + group + "/members/" + name("nobody")).then().statusCode(404)
                    .body("data.code", equalTo("USER0001E"));
            api().post("/nano/user_groups/" + name("none") + "/members/" + member).then().statusCode(404)
                    .body("data.code", equalTo("GRP0001E"));
            api().delete("/nano/user_groups/auditors/members/" + member).then().statusCode(404).body("data.code", equalTo("GRP0004E"));
            api().get("/nano/user_search/?group=" + name("none")).then().statusCode(404).body("data.code", equalTo("GRP0001E"));
            as(member).post("/nano/user_groups/auditors/members/" + member).then().statusCode(403)
                    .body("data.code", equalTo("AUTH0004E"));
            api().get("/api/user_groups/auditors").then().body("member", not(hasItem(member)));
            api().delete("/nano/user_groups/users").then().statusCode(409).body("data.code", equalTo("GRP0003E"));

            api().delete("/nano/user_groups/" + group + "/members/" + member).then().statusCode(200).body("data", nullValue());
            api().get("/nano/user_groups/" + group + "/members/").then().body("data", empty());
            api().delete("/nano/user_groups/" + group).then().statusCode(200).body("error_code", equalTo(0));
            assertThat(count("select count(*) from user_group where name = ?", group)).isZero();
            api().get("/api/user_groups/" + group).then().statusCode(404);
        } finally {
            api().delete("/api/user_groups/" + group);
            api().delete("/api/users/" + member);
        }
    }

    // users and passwords

    @Test
    void usersMadeThroughNanoAreVireoAccounts() throws SQLException {
        String user = name("user");
        try {
            nano("POST", "/nano/users/" + user, "{\"nick\": \"AK\", \"mail\": \"a@b.com\", \"password\": \"" + PASSWORD + "\"}")
                    .statusCode(200).body("error_code", equalTo(0)).body("data.nick", equalTo("AK"))
                    .body("data.mail", equalTo("a@b.com"));
            assertThat(count("select count(*) from account where name = ? and nick = 'AK' and mail = 'a@b.com' "
                    + "and password_hash <> ?", user, PASSWORD)).isOne();
            // the user signs in natively, in the built-in users group
            anonymous().contentType(ContentType.JSON).body("{\"user\": \"" + user + "\", \"password\": \"" + PASSWORD + "\"}")
                    .post("/api/sessions").then().statusCode(200);
            as(user).get("/api/users/" + user).then().statusCode(200).body("groups", equalTo(List.of("users")));
            api().get("/nano/users/").then().statusCode(200).body("data", hasItems("admin", user));
            api().get("/nano/users/" + user).then().statusCode(200).body("data.nick", equalTo("AK")).body("data.mail", equalTo("a@b.com"));
            as(user).get("/nano/users/" + user).then().statusCode(200).body("data.nick", equalTo("AK"));

            // users change their own nick and mail
            as(user).contentType(ContentType.JSON).body("{\"nick\": \"Akuma\"}").put("/nano/users/" + user).then()
                    .statusCode(200).body("data.nick", equalTo("Akuma")).body("data.mail", equalTo("a@b.com"));
            nano("PUT", "/nano/users/" + user, "{\"mail\": \"ak@example.org\"}").statusCode(200)
                    .body("data.mail", equalTo("ak@example.org"));
            assertThat(count("select count(*) from account where name = ? and nick = 'Akuma' and mail = 'ak@example.org'", user)).isOne();

            // documented errors and bad input: nothing changes
            nano("POST", "/nano/users/" + user, "{\"password\": \"" + PASSWORD + "\"}").statusCode(409).body("data.code", equalTo("USER0002E"));
            api().get("/nano/users/" + name("none")).then().statusCode(404).body("data.code", equalTo("USER0001E"));
            as(user).get("/nano/users/admin").then().statusCode(404).body("data.code", equalTo("USER0001E"));
            as(user).contentType(ContentType.JSON).body("{\"nick\": \"x\"}").put("/nano/users/admin").then().statusCode(404);
            nano("PUT", "/nano/users/" + user, "{\"mail\": \"not a mail\"}").statusCode(400).body("data.code", equalTo("USER0006E"));
            nano("PUT", "/nano/users/" + user, "{\"password\": \"sneaky-pass-1\"}").statusCode(400).body("data.code", equalTo("API0003E"));
            assertThat(count("select count(*) from account where name = ? and nick = 'Akuma' and mail = 'ak@example.org'", user)).isOne();
            String other = name("other");
            nano("POST", "/nano/users/" + other, "{\"nick\": \"AK\"}").statusCode(400).body("data.code", equalTo("API0010E"));
            // the seed's example password is shorter than Vireo's minimum of 8
            nano("POST", "/nano/users/" + other, "{\"password\": \"abcdefg\"}").statusCode(400).body("data.code", equalTo("USER0004E"));
            nano("POST", "/nano/users/" + other, "{\"password\": \"" + PASSWORD + "\", \"mail\": \"@\"}").statusCode(400)
                    .body("data.code", equalTo("USER0006E"));
            nano("POST", "/nano/users/" + other, "{\"password\": \"" + PASSWORD + "\", \"group\": [\"admins\"]}").statusCode(400)
                    .body("data.code", equalTo("API0003E"));
            nano("POST", "/nano/users/-bad", "{\"password\": \"" + PASSWORD + "\"}").statusCode(400);
            as(user).contentType(ContentType.JSON).body("{\"password\": \"" + PASSWORD + "\"}").post("/nano/users/" + other)
                    .then().statusCode(403).body("data.code", equalTo("AUTH0004E"));
            assertThat(count("select count(*) from account where name in (?, '-bad')", other)).isZero();

            api().delete("/nano/users/" + user).then().statusCode(200).body("error_code", equalTo(0));
            assertThat(count("select count(*) from account where name = ?", user)).isZero();
            anonymous().contentType(ContentType.JSON).body("{\"user\": \"" + user + "\", \"password\": \"" + PASSWORD + "\"}")
                    .post("/api/sessions").then().statusCode(401);
            api().delete("/nano/users/" + user).then().statusCode(404).body("data.code", equalTo("USER0001E"));
        } finally {
            api().delete("/api/users/" + user);
        }
    }

    @Test
    void passwordsChangeWithTheOldOneOrByAnAccountManager() throws SQLException {
        String user = user(name("pw"), PASSWORD);
        try {
            String session = signIn(user, PASSWORD);
            String hash = passwordHashOf(user);

            // refused: a wrong or missing old password, a missing or weak new one; nothing changes
            as(user).contentType(ContentType.JSON).body("{\"old\": \"wrong-one-1\", \"new\": \"nano-pass-2\"}")
                    .put("/nano/users/" + user + "/password/").then().statusCode(400).body("data.code", equalTo("USER0003E"));
            as(user).contentType(ContentType.JSON).body("{\"new\": \"nano-pass-2\"}")
                    .put("/nano/users/" + user + "/password/").then().statusCode(400).body("data.code", equalTo("USER0003E"));
            as(user).contentType(ContentType.JSON).body("{\"old\": \"" + PASSWORD + "\"}")
                    .put("/nano/users/" + user + "/password/").then().statusCode(400).body("data.code", equalTo("API0010E"));
            as(user).contentType(ContentType.JSON).body("{\"old\": \"" + PASSWORD + "\", \"new\": \"short\"}")
                    .put("/nano/users/" + user + "/password/").then().statusCode(400).body("data.code", equalTo("USER0004E"));
            as(user).contentType(ContentType.JSON).body("{\"old\": \"" + PASSWORD + "\", \"new\": \"nano-pass-2\", \"keep_tokens\": true}")
                    .put("/nano/users/" + user + "/password/").then().statusCode(400).body("data.code", equalTo("API0003E"));
            as(user).contentType(ContentType.JSON).body("{\"old\": \"" + PASSWORD + "\", \"new\": \"nano-pass-2\"}")
                    .put("/nano/users/admin/password/").then().statusCode(404).body("data.code", equalTo("USER0001E"));
            api().contentType(ContentType.JSON).body("{\"new\": \"nano-pass-2\"}").put("/nano/users/" + name("none") + "/password/")
                    .then().statusCode(404).body("data.code", equalTo("USER0001E"));
            assertThat(passwordHashOf(user)).isEqualTo(hash);
            bearer(session).get("/nano/sessions/" + session).then().statusCode(200);

            // the user's own change, with the old password: its sessions end, the new password works natively
            as(user).contentType(ContentType.JSON).body("{\"old\": \"" + PASSWORD + "\", \"new\": \"nano-pass-2\"}")
                    .put("/nano/users/" + user + "/password/").then().statusCode(200).body("error_code", equalTo(0));
            assertThat(passwordHashOf(user)).isNotEqualTo(hash);
            bearer(session).get("/nano/sessions/").then().statusCode(401);
            TestAccounts.as(Vireo.BASE, user, PASSWORD).get("/api/users/" + user).then().statusCode(401);
            TestAccounts.as(Vireo.BASE, user, "nano-pass-2").get("/api/users/" + user).then().statusCode(200);

            // an account manager resets it without the old one
            api().contentType(ContentType.JSON).body("{\"new\": \"nano-pass-3\"}").put("/nano/users/" + user + "/password/")
                    .then().statusCode(200);
            TestAccounts.as(Vireo.BASE, user, "nano-pass-3").get("/api/users/" + user).then().statusCode(200);
        } finally {
            api().delete("/api/users/" + user);
        }
    }

    // sessions

    @Test
    void aNanoSessionSignsInAndServesAsTheCallersCredentials() throws SQLException {
        String user = user(name("sess"), PASSWORD);
        try {
            String session = anonymous().contentType(ContentType.JSON)
                    .body("{\"user\": \"" + user + "\", \"password\": \"" + PASSWORD + "\", \"nonce\": \"1234567890\"}")
                    .post("/nano/sessions/").then().statusCode(200).body("error_code", equalTo(0))
                    .body("data.timeout", equalTo(1800)).extract().path("data.session");
            List<String> ids = sessionIds(user);
            assertThat(ids).hasSize(1);
            String id = ids.get(0);
            assertThat(session).contains(id).isNotEqualTo(id);

            // the session is the caller's credentials for Nano's routes and the native ones alike
            bearer(session).get("/nano/sessions/").then().statusCode(200).body("data", equalTo(List.of(id)));
            bearer(session).get("/nano/sessions/" + session).then().statusCode(200).body("data.user", equalTo(user))
                    .body("data.menu", equalTo(USER_MENUS)).body("data.resource", hasItem("vm.create"));
            bearer(session).get("/nano/sessions/" + id).then().statusCode(200).body("data.user", equalTo(user));
            bearer(session).get("/nano/users/" + user).then().statusCode(200);
            bearer(session).get("/api/sessions").then().statusCode(200).body("session", equalTo(List.of(id)));
            api().get("/nano/sessions/").then().statusCode(200).body("data", hasItem(id));

            bearer(session).contentType(ContentType.JSON).body("{\"timeout\": 600}").put("/nano/sessions/" + id).then()
                    .statusCode(200).body("data.user", equalTo(user)).body("data.timeout", equalTo(600));
            assertThat(count("select count(*) from access_key where id = ? and timeout_seconds = 600", id)).isOne();
            bearer(session).put("/nano/sessions/" + session).then().statusCode(200).body("data.timeout", equalTo(600));

            // documented errors and bad input: no session is made or changed
            anonymous().contentType(ContentType.JSON).body("{\"user\": \"" + user + "\", \"password\": \"wrong-one-1\"}")
                    .post("/nano/sessions/").then().statusCode(401).body("error_code", equalTo(401))
                    .body("data.code", equalTo("AUTH0002E"));
            anonymous().contentType(ContentType.JSON).body("{\"password\": \"" + PASSWORD + "\"}")
                    .post("/nano/sessions/").then().statusCode(400).body("data.code", equalTo("API0010E"));
            anonymous().contentType(ContentType.JSON).body("{\"user\": \"" + user + "\", \"password\": \"" + PASSWORD
                    + "\", \"timeout\": 5}").post("/nano/sessions/").then().statusCode(400).body("data.code", equalTo("SESS0002E"));
            anonymous().contentType(ContentType.JSON).body("{\"user\": \"" + user + "\", \"password\": \"" + PASSWORD
                    + "\", \"role\": \"admin\"}").post("/nano/sessions/").then().statusCode(400).body("data.code", equalTo("API0003E"));
            anonymous().contentType(ContentType.JSON).body("[]").post("/nano/sessions/").then().statusCode(400);
            anonymous().contentType(ContentType.JSON).post("/nano/sessions/").then().statusCode(400).body("data.code", equalTo("API0008E"));
            bearer(session).contentType(ContentType.JSON).body("{\"timeout\": 99999999}").put("/nano/sessions/" + id).then()
                    .statusCode(400).body("data.code", equalTo("SESS0002E"));
            bearer(session).contentType(ContentType.JSON).body("{\"timeout\": 100000000000000000000}").put("/nano/sessions/" + id)
                    .then().statusCode(400).body("data.code", equalTo("API0002E"));
            bearer(session).contentType(ContentType.JSON).body("{\"timeout\": \"600\"}").put("/nano/sessions/" + id)
                    .then().statusCode(400).body("data.code", equalTo("API0002E"));
            bearer(session).contentType(ContentType.JSON).body("{\"user\": \"admin\"}").put("/nano/sessions/" + id)
                    .then().statusCode(400).body("data.code", equalTo("API0003E"));
            bearer(session).get("/nano/sessions/" + name("none")).then().statusCode(404).body("data.code", equalTo("SESS0001E"));
            bearer(session).put("/nano/sessions/" + name("none")).then().statusCode(404).body("data.code", equalTo("SESS0001E"));
            assertThat(sessionIds(user)).isEqualTo(List.of(id));
            assertThat(count("select count(*) from access_key where id = ? and timeout_seconds = 600", id)).isOne();
            anonymous().get("/nano/sessions/").then().statusCode(401).body("data.code", equalTo("AUTH0001E"));
            anonymous().header("Authorization", "Bearer " + session + "x").get("/nano/sessions/").then().statusCode(401);

            // another user's session is not seen by a plain user
            String adminSession = signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
            String adminId = sessionIds(TestAccounts.ADMIN).stream().filter(adminSession::contains).findFirst().orElseThrow();
            bearer(session).get("/nano/sessions/" + adminId).then().statusCode(404).body("data.code", equalTo("SESS0001E"));
            bearer(session).put("/nano/sessions/" + adminId).then().statusCode(404);
            api().delete("/api/sessions/" + adminId).then().statusCode(204);
        } finally {
            api().delete("/api/users/" + user);
        }
    }

    // logs

    @Test
    void logsAreTheAuditLogAndAnEntryAddedNamesItsAuthor() throws SQLException {
        String role = name("logrole");
        String group = name("loggers");
        String writer = user(name("writer"), PASSWORD);
        String plain = user(name("reader"), PASSWORD);
        String content = "nano log " + UUID.randomUUID();
        try {
            nano("POST", "/nano/roles/" + role, "{\"menu\": [\"log\"]}").statusCode(200);
            nano("POST", "/nano/user_groups/" + group, "{\"display\": \"Loggers\", \"role\": [\"" + role + "\"]}").statusCode(200);
            api().post("/nano/user_groups/" + group + "/members/" + writer).then().statusCode(200);

            as(writer).contentType(ContentType.JSON).body("{\"format\": \"string\", \"content\": \"" + content + "\"}")
                    .post("/nano/logs/").then().statusCode(200).body("error_code", equalTo(0))
                    .body("data.content", equalTo(content))
                    .body("data.time", matchesPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
            assertThat(count("select count(*) from audit_event where actor = ? and action = 'log.add' and content = ?",
                    writer, content)).isOne();
            api().get("/api/logs?user=" + writer + "&action=log.add").then().statusCode(200)
                    .body("content", equalTo(List.of(content))).body("user", equalTo(List.of(writer)));

            // newest first, paged, filtered by time in Nano's format
            as(writer).get("/nano/logs/?limit=50").then().statusCode(200).body("data.content", hasItem(content));
            List<String> firstTwo = api().get("/nano/logs/?limit=2").then().statusCode(200)
                    .body("data.size()", equalTo(2)).extract().path("data.content");
            api().get("/nano/logs/?limit=1&start=1").then().statusCode(200).body("data.content", equalTo(List.of(firstTwo.get(1))));
            api().queryParam("limit", 10).queryParam("before", "2000-01-01 00:00:00").get("/nano/logs/").then().statusCode(200).body("data", empty());
            api().queryParam("after", "2999-12-31 00:00:00").get("/nano/logs/").then().statusCode(200).body("data", empty());
            api().get("/nano/logs/?after=2000-01-01&limit=1000").then().statusCode(200).body("data.content", hasItem(content));

            // documented errors and bad input: no entry is added
            api().get("/nano/logs/?limit=0").then().statusCode(400).body("data.code", equalTo("LOG0001E"));
            api().get("/nano/logs/?limit=lots").then().statusCode(400).body("data.code", equalTo("LOG0001E"));
            api().get("/nano/logs/?start=-1").then().statusCode(400).body("data.code", equalTo("LOG0001E"));
            api().get("/nano/logs/?after=yesterday").then().statusCode(400).body("data.code", equalTo("LOG0001E"))
                    .body("message", containsString("yesterday"));
            as(plain).get("/nano/logs/").then().statusCode(403).body("data.code", equalTo("AUTH0004E"));
            String refused = "refused " + content;
            as(plain).contentType(ContentType.JSON).body("{\"content\": \"" + refused + "\"}").post("/nano/logs/").then()
                    .statusCode(403).body("data.code", equalTo("AUTH0004E"));
            as(writer).contentType(ContentType.JSON).body("{\"format\": \"html\", \"content\": \"" + refused + "\"}")
                    .post("/nano/logs/").then().statusCode(400).body("data.code", equalTo("API0002E"));
            as(writer).contentType(ContentType.JSON).body("{\"format\": \"string\"}").post("/nano/logs/").then()
                    .statusCode(400).body("data.code", equalTo("API0010E"));
            as(writer).contentType(ContentType.JSON).body("{\"content\": \"" + refused + "\", \"author\": \"admin\"}")
                    .post("/nano/logs/").then().statusCode(400).body("data.code", equalTo("API0003E"));
            as(writer).contentType(ContentType.JSON).body("{\"content\": [1]}").post("/nano/logs/").then().statusCode(400);
            assertThat(count("select count(*) from audit_event where content = ?", refused)).isZero();
        } finally {
            api().delete("/api/user_groups/" + group);
            api().delete("/api/roles/" + role);
            api().delete("/api/users/" + writer);
            api().delete("/api/users/" + plain);
        }
    }

    // helpers

    private static String name(String kind) {
        return "nfe-" + kind + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A user made natively, in the built-in users group. */
    private static String user(String name, String password) {
        api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"password\": \"" + password + "\"}")
                .post("/api/users").then().statusCode(201);
        return name;
    }

    private static RequestSpecification as(String user) {
        return TestAccounts.as(Vireo.BASE, user, PASSWORD);
    }

    private static RequestSpecification bearer(String session) {
        return anonymous().header("Authorization", "Bearer " + session);
    }

    /** Signs in through Nano's face; the session's secret. */
    private static String signIn(String user, String password) {
        return anonymous().contentType(ContentType.JSON)
                .body("{\"user\": \"" + user + "\", \"password\": \"" + password + "\", \"nonce\": \"n\"}")
                .post("/nano/sessions/").then().statusCode(200).extract().path("data.session");
    }

    private static ValidatableResponse nano(String method, String path, String body) {
        return api().contentType(ContentType.JSON).body(body).request(method, path).then();
    }

    private static List<String> permissionsOf(String role) throws SQLException {
        return strings("select permission from role_permission where role_name = ? order by permission", role);
    }

    private static List<String> sessionIds(String owner) throws SQLException {
        return strings("select id from access_key where owner = ? and kind = 'SESSION' order by id", owner);
    }

    private static String passwordHashOf(String user) throws SQLException {
        return strings("select password_hash from account where name = ?", user).get(0);
    }

    private static List<String> strings(String sql, String... parameters) throws SQLException {
        try (Connection db = Vireo.database(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    private static long count(String sql, String... parameters) throws SQLException {
        try (Connection db = Vireo.database(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
