package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

/** The zone's hosts and compute pools: registration by libvirt URI, pools of hosts, what stays fixed. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ZoneIT {

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void theConfiguredHostIsRegisteredAsLocalInTheDefaultPool() throws SQLException {
        api().get("/api/hosts/local").then().statusCode(200)
                .body("uri", equalTo("test:///default"))
                .body("pool", equalTo("default"))
                .body("enabled", equalTo(true))
                .body("default", equalTo(true));
        api().get("/api/computepools/default").then().statusCode(200)
                .body("hosts", hasItem("local"))
                .body("default", equalTo(true))
                .body("network_mode", equalTo("plain"));
        assertThat(hostRow("local")).containsExactly("test:///default", "true", "default");
    }

    @Test
    void hostsAreRegisteredByUriMovedBetweenPoolsDisabledAndForgotten() throws IOException, SQLException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String host = "cell-" + suffix;
        String pool = "fast-" + suffix;
        Path file = Files.createTempFile("vireo-cell-", ".xml");
        Files.writeString(file, "<node/>");
        String uri = "test://" + file;

        register("{\"name\": \"" + host + "\", \"uri\": \"" + uri + "\"}").statusCode(201)
                .header("Location", endsWith("/api/hosts/" + host))
                .body("uri", equalTo(uri)).body("pool", equalTo("default")).body("default", equalTo(false));
        register("{\"name\": \"" + host + "\", \"uri\": \"test:///default\"}").statusCode(409)
                .body("code", equalTo("ZONE0002E"));
        register("{\"name\": \"other-" + suffix + "\", \"uri\": \"" + uri + "\"}").statusCode(409)
                .body("code", equalTo("ZONE0003E")).body("reason", containsString(host));

        api().contentType(ContentType.JSON).body("{\"enabled\": false}").put("/api/hosts/" + host).then()
                .statusCode(200).body("enabled", equalTo(false));
        assertThat(hostRow(host)).containsExactly(uri, "false", "default");

        api().contentType(ContentType.JSON).body("{\"name\": \"" + pool + "\", \"hosts\": [\"" + host + "\"], "
                + "\"network_mode\": \"share\", \"storage\": \"ceph1\", \"failover\": true}").post("/api/computepools")
                .then().statusCode(201)
                .body("cells", equalTo(1)).body("hosts", equalTo(List.of(host)))
                .body("network_mode", equalTo("share")).body("storage", equalTo("ceph1")).body("failover", equalTo(true));
        api().get("/api/computepools/default").then().body("hosts", not(hasItem(host)));
        api().get("/api/hosts/" + host).then().body("pool", equalTo(pool));

        api().delete("/api/computepools/" + pool).then().statusCode(409)
                .body("code", equalTo("ZONE0008E")).body("reason", containsString(host));
        api().delete("/api/computepools/" + pool + "/hosts/" + host).then().statusCode(200).body("cells", equalTo(0));
        api().delete("/api/computepools/" + pool + "/hosts/" + host).then().statusCode(404).body("code", equalTo("ZONE0011E"));
        assertThat(hostRow(host)).containsExactly(uri, "false", null);
        api().delete("/api/computepools/" + pool).then().statusCode(204);
        api().get("/api/computepools/" + pool).then().statusCode(404).body("code", equalTo("ZONE0006E"));

        api().delete("/api/hosts/" + host).then().statusCode(204);
        api().get("/api/hosts/" + host).then().statusCode(404).body("code", equalTo("ZONE0001E"));
        assertThat(hostRow(host)).isNull();
    }

    @Test
    void badRegistrationsAreRefusedAndChangeNothing() {
        String name = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        for (String uri : List.of("qemu+ext:///system?command=/bin/sh", "http://cell/system", "test:///no/such/file.xml",
                "test:///tmp/../etc/passwd", "qemu+ssh:///system", "qemu+tls://cell/system?pkipath=/no/such/pki",
                "qemu+ssh://cell/system?keyfile=/no/such/id_ed25519")) {
            register("{\"name\": \"" + name + "\", \"uri\": \"" + uri + "\"}").statusCode(400)
                    .body("code", equalTo("ZONE0004E"));
        }
        register("{\"name\": \"" + name + "\", \"uri\": \"qemu+ssh://root:hunter2@cell/system\"}").statusCode(400)
                .body("reason", not(containsString("hunter2")));
        register("{\"name\": \"" + name + "\", \"uri\": \"qemu+ssh://cell.example/system\", \"pool\": \"nowhere\"}").statusCode(404)
                .body("code", equalTo("ZONE0006E"));
        register("{\"name\": \"a/b\", \"uri\": \"test:///default\"}").statusCode(400).body("code", equalTo("NAME0001E"));
        api().contentType(ContentType.JSON).body("{\"name\": \"p-" + name + "\", \"network_mode\": \"bridged\"}")
                .post("/api/computepools").then().statusCode(400).body("code", equalTo("ZONE0010E"));
        api().get("/api/hosts").then().body("name", not(hasItem(name)));
        api().get("/api/computepools").then().body("name", not(hasItem("p-" + name)));
    }

    @Test
    void theDefaultHostAndPoolStay() {
        api().delete("/api/hosts/local").then().statusCode(409).body("code", equalTo("ZONE0005E"));
        api().contentType(ContentType.JSON).body("{\"uri\": \"qemu:///system\"}").put("/api/hosts/local").then()
                .statusCode(409).body("code", equalTo("ZONE0005E"));
        api().delete("/api/computepools/default/hosts/local").then().statusCode(409).body("code", equalTo("ZONE0005E"));
        api().delete("/api/computepools/default").then().statusCode(409).body("code", equalTo("ZONE0009E"));
        api().get("/api/hosts/local").then().body("pool", equalTo("default")).body("uri", equalTo("test:///default"));
    }

    @Test
    void eachHostSaysWhetherItsConnectionIsUpAndSinceWhenItIsNot() throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String up = "up-" + suffix;
        String away = "away-" + suffix;
        String uri = new TestDriverHost().domain("guest-" + suffix, 256, 1)
                .writeTo(Files.createTempDirectory("vireo-zone-").resolve("host.xml"));
        register("{\"name\": \"" + up + "\", \"uri\": \"" + uri + "\"}").statusCode(201)
                .body("state", equalTo("not connected")).body("alive", equalTo(false));
        // nothing listens on port 1: the connection is refused at once
        register("{\"name\": \"" + away + "\", \"uri\": \"qemu+tcp://127.0.0.1:1/system\"}").statusCode(201);
        try {
            api().get("/api/hosts/local").then().body("state", equalTo("connected")).body("alive", equalTo(true))
                    .body("down_since", nullValue());
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
                api().get("/api/hosts/" + up).then().body("state", equalTo("connected")).body("alive", equalTo(true));
                api().get("/api/hosts/" + away).then().body("alive", equalTo(false))
                        .body("state", oneOf("reconnecting", "down"))
                        .body("down_since", notNullValue())
                        .body("reason", notNullValue());
            });
        } finally {
            api().delete("/api/hosts/" + up).then().statusCode(204);
            api().delete("/api/hosts/" + away).then().statusCode(204);
        }
    }

    private static ValidatableResponse register(String json) {
        return api().contentType(ContentType.JSON).body(json).post("/api/hosts").then();
    }

    /** The host's URI, enabled flag and pool name as the database holds them; null when there is no such row. */
    private static List<String> hostRow(String name) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select h.uri, h.enabled, p.name from managed_host h "
                     + "left join compute_pool p on p.id = h.pool_id where h.name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? java.util.Arrays.asList(row.getString(1), String.valueOf(row.getBoolean(2)),
                        row.getString(3)) : null;
            }
        }
    }
}
