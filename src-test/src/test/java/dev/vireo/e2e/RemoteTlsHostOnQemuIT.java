package dev.vireo.e2e;

import static dev.vireo.e2e.RealHypervisor.SERVER;
import static dev.vireo.e2e.RealHypervisor.WORKDIR;
import static dev.vireo.e2e.RealHypervisor.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, a remote libvirt host over TLS on a real libvirtd + QEMU: a daemon of its own that
 * listens for TLS alone ({@link TlsHost}, certificates made at test time), registered through
 * {@code /api/hosts} at {@code qemu+tls://127.0.0.1:port/system?pkipath=dir}; a VM is made, started
 * and deleted on it through the API, which virsh over the same TLS URI confirms. A client certificate
 * the host's CA did not sign, and a host certificate this side's CA did not sign, leave the host
 * unreachable with libvirt's TLS failure named in its state and in every answer about it (503, never
 * 500); a pkipath without the client's files is refused at registration. The daemon, its
 * certificates and everything registered are gone at the end.
 */
class RemoteTlsHostOnQemuIT extends VireoOnQemu {

    private static final String DEPLOYMENT = "vireo-on-qemu-tls";
    private static final Path TLS_DIR = Path.of(WORKDIR + "-tls");

    /** The TLS daemon the cases share, started by the first. */
    private static TlsHost tls;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive deployment() {
        return RealHypervisor.vireo();
    }

    @BeforeEach
    void theTlsHost() throws IOException {
        if (tls == null) {
            tls = TlsHost.start(TLS_DIR);
        }
    }

    @AfterAll
    static void stopTheTlsHost() {
        if (tls != null) {
            Path pidFile = tls.pidFile();
            tls.close();
            tls = null;
            assertThat(pidFile).as("the daemon stopped").doesNotExist();
            assertThat(TLS_DIR).as("its directories, certificates and keys removed").doesNotExist();
        }
    }

    @Test
    void aVmIsMadeStartedAndDeletedOnAHostReachedOverTls() {
        String zone = HostFixtures.unique("e2e-tls-zone");
        String cell = HostFixtures.unique("e2e-tls");
        String pool = HostFixtures.unique("e2e-tls-pool");
        String uri = tls.uri(tls.client());
        // a template's storage pool is checked on the default host: the pool is on both, private to each
        List<String> hosts = List.of(RealHypervisor.uri(), uri);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + zone + "\"}").post("/api/computepools").then()
                .statusCode(201);
        try {
            api().contentType(ContentType.JSON).body("{\"name\": \"" + cell + "\", \"uri\": \"" + uri + "\", \"pool\": \""
                    + zone + "\"}").post("/api/hosts").then().statusCode(201).body("uri", equalTo(uri));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    api().get("/api/hosts/" + cell).then().body("state", equalTo("connected")).body("alive", equalTo(true)));
            for (String host : hosts) {
                RealHypervisor.virshAt(host, "pool-define-as", pool, "dir", "--target", "/var/lib/libvirt/images/" + pool);
                RealHypervisor.virshAt(host, "pool-build", pool);
                RealHypervisor.virshAt(host, "pool-start", pool);
            }
            String template = HostFixtures.unique("e2e-tpl");
            api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                            + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}], \"memory\": {\"current\": 64},"
                            + " \"networks\": []}")
                    .post("/api/templates").then().statusCode(201);

            String guest = HostFixtures.unique("e2e-vm");
            JsonPath task = awaitTask(api().contentType(ContentType.JSON).body("{\"template\": \"/api/templates/" + template
                    + "\", \"name\": \"" + guest + "\", \"host\": \"" + cell + "\"}").post("/api/vms").then().statusCode(202)
                    .extract().path("id"));
            assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");
            api().get("/api/vms/" + guest).then().statusCode(200).body("host", equalTo(cell)).body("state", equalTo("shutoff"));
            assertThat(tls.virsh("domstate", guest)).isEqualTo("shut off");
            assertThat(tls.virsh("hostname")).as("the TLS daemon's own host").isEqualTo("vireo-e2e-tls");
            assertThat(RealHypervisor.virsh("list", "--all", "--name")).doesNotContain(guest);
            String volume = api().get("/api/vms/" + guest).then().extract().<String>path("uuid") + "-0.img";
            assertThat(tls.virsh("vol-list", pool)).contains(volume);

            api().post("/api/vms/" + guest + "/start").then().statusCode(200).body("state", equalTo("running"));
            assertThat(tls.virsh("domstate", guest)).isEqualTo("running");
            api().post("/api/vms/" + guest + "/poweroff").then().statusCode(200).body("state", equalTo("shutoff"));
            assertThat(tls.virsh("domstate", guest)).isEqualTo("shut off");

            api().delete("/api/vms/" + guest).then().statusCode(204);
            api().get("/api/vms/" + guest).then().statusCode(404);
            assertThat(tls.virsh("list", "--all", "--name")).doesNotContain(guest);
            assertThat(tls.virsh("vol-list", pool)).doesNotContain(volume);
            api().delete("/api/templates/" + template).then().statusCode(204);
        } finally {
            for (String host : hosts) {
                RealHypervisor.run("virsh", "-c", host, "pool-destroy", pool);
                RealHypervisor.run("virsh", "-c", host, "pool-delete", pool);
                RealHypervisor.run("virsh", "-c", host, "pool-undefine", pool);
            }
            api().delete("/api/hosts/" + cell);
            api().delete("/api/computepools/" + zone);
        }
        api().get("/api/hosts").then().statusCode(200).body("name", not(hasItem(cell)));
    }

    @Test
    void aCertificateEitherSideDoesNotTrustLeavesTheHostUnreachableWithTlsNamedAsWhy() {
        String domains = tls.virsh("list", "--all", "--name");
        // a compute pool of their own: no placement in the default one ever considers these hosts
        String zone = HostFixtures.unique("e2e-tls-zone");
        api().contentType(ContentType.JSON).body("{\"name\": \"" + zone + "\"}").post("/api/computepools").then()
                .statusCode(201);

        // the host's CA did not sign this server's client certificate: the host ends the session
        String stranger = HostFixtures.unique("e2e-tls-stranger");
        unreachable(stranger, tls.uri(tls.stranger()), zone, "client certificate");
        // this server's CA did not sign the host's certificate: libvirt's client refuses it
        String distrusting = HostFixtures.unique("e2e-tls-distrust");
        unreachable(distrusting, tls.uri(tls.distrusting()), zone, "Failed to verify peer's certificate");

        // a pkipath without a client's files is refused before anything is registered
        String missing = HostFixtures.unique("e2e-tls-nokey");
        api().contentType(ContentType.JSON).body("{\"name\": \"" + missing + "\", \"uri\": \"" + tls.uri(TLS_DIR.resolve("pki/ca"))
                        + "\"}").post("/api/hosts").then().statusCode(400).body("code", equalTo("ZONE0004E"))
                .body("reason", containsString("cacert.pem"));
        api().get("/api/hosts/" + missing).then().statusCode(404);

        for (String host : List.of(stranger, distrusting)) {
            api().delete("/api/hosts/" + host).then().statusCode(204);
            api().get("/api/hosts/" + host).then().statusCode(404);
        }
        api().delete("/api/computepools/" + zone).then().statusCode(204);
        assertThat(tls.virsh("list", "--all", "--name")).as("nothing reached the host").isEqualTo(domains);
    }

    /**
     * Registers {@code name} at {@code uri} in {@code zone} (registering does not connect), then awaits its state:
     * not connected, with {@code why} in its reason, and a 503 JSON error saying the same to a request
     * that needs it.
     */
    private static void unreachable(String name, String uri, String zone, String why) {
        api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"uri\": \"" + uri + "\", \"pool\": \"" + zone
                + "\"}").post("/api/hosts").then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                api().get("/api/hosts/" + name).then().statusCode(200).body("alive", equalTo(false))
                        .body("state", oneOf("reconnecting", "down")).body("reason", containsString(why)));
        api().get("/api/storagepools?host=" + name).then().statusCode(503).contentType(ContentType.JSON)
                .body("code", equalTo("HOST0001E")).body("reason", containsString(why));
    }

    private static JsonPath awaitTask(String id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api().get("/api/tasks/" + id).then().extract().jsonPath(),
                        task -> !"running".equals(task.getString("status")));
    }
}
