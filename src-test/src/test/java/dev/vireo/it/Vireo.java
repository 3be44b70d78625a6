package dev.vireo.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vireo.TestAccounts;
import dev.vireo.it.probe.TaskProbe;
import dev.vireo.persistence.testing.PostgresCluster;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The server under test: its archive, its addresses and its database. */
public final class Vireo {

    /** The Arquillian container on libvirt's test driver. */
    static final String SERVER = "vireo";
    /** The Arquillian container whose libvirt host refuses connections. */
    static final String UNREACHABLE_SERVER = "unreachable";

    static final String BASE = "http://localhost:" + System.getProperty("vireo.it.http-port");
    static final String MANAGEMENT = "http://localhost:" + System.getProperty("vireo.it.management-port");
    static final String UNREACHABLE_BASE = "http://localhost:" + System.getProperty("vireo.it.unreachable.http-port");
    static final String UNREACHABLE_MANAGEMENT =
            "http://localhost:" + System.getProperty("vireo.it.unreachable.management-port");

    private Vireo() {
    }

    /** The EAR the build produced, as users deploy it. */
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("vireo.it.ear")));
    }

    /**
     * The EAR plus a web module that starts tasks whose steps the test releases one by one, and
     * lists the domains libvirt has ({@code /vireo-probe/domains}).
     */
    static EnterpriseArchive earWithTaskProbe() {
        WebArchive probe = ShrinkWrap.create(WebArchive.class, "vireo-probe.war").addPackage(TaskProbe.class.getPackage())
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: org.libvirt\n"));
        return ear().addAsModule(probe);
    }

    /** A request to the API as the first admin. */
    /** The volume a VM's template disk {@code index} became, named as Kimchi names it: {@code <vm uuid>-<index>.img}. */
    static String diskVolume(String vm, int index) {
        return api().get("/api/vms/" + vm).then().statusCode(200).extract().<String>path("uuid") + "-" + index + ".img";
    }

    static RequestSpecification api() {
        return TestAccounts.asAdmin(BASE);
    }

    /**
     * A new VM of the default host (256 MiB, one 1 GiB disk from default-pool), made from a new
     * template of its own named {@code prefix} and a random suffix; answers the VM's name.
     */
    static String newVm(String prefix) {
        String template = prefix + UUID.randomUUID().toString().substring(0, 8);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"memory\": {\"current\": 256, \"maxmemory\": 1024}, \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        String vm = template + "-vm";
        String task = api().contentType(ContentType.JSON)
                .body("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + vm + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        assertThat(endedTask(task).getString("status")).isEqualTo("finished");
        return vm;
    }

    /** Task {@code id} as the API shows it once it no longer runs (waited for up to a minute). */
    static JsonPath endedTask(String id) {
        JsonPath[] seen = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            seen[0] = api().get("/api/tasks/" + id).then().extract().jsonPath();
            return !"running".equals(seen[0].getString("status"));
        });
        return seen[0];
    }

    /** A request to the API with no credentials at all. */
    static RequestSpecification anonymous() {
        return given().baseUri(BASE).accept(ContentType.JSON);
    }

    static RequestSpecification probe() {
        return given().baseUri(BASE + "/vireo-probe");
    }

    static RequestSpecification management() {
        return given().baseUri(MANAGEMENT).accept(ContentType.JSON);
    }

    /**
     * A connection to the server's own database: its H2 file (AUTO_SERVER lets both processes use
     * it), or in the PostgreSQL run the database of the private cluster.
     */
    public static Connection database() throws SQLException {
        return database(false);
    }

    /** {@code existing}: never makes an H2 database the server has not made yet. */
    private static Connection database(boolean existing) throws SQLException {
        if (PrivatePostgres.inUse()) {
            return DriverManager.getConnection(PrivatePostgres.url(), PostgresCluster.USER, PostgresCluster.PASSWORD);
        }
        Path file = Path.of(System.getProperty("vireo.it.server"), "standalone", "data", "vireo", "vireo");
        return DriverManager.getConnection("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE" + (existing ? ";IFEXISTS=TRUE" : ""),
                "sa", "sa");
    }

    /**
     * Forgets the failed logins counted against the loopback address (IPv4, and IPv6 by its /64),
     * as {@link LoopbackLoginCounts} does before each test class. False when there is no database
     * yet (the server has not started): then nothing was counted either.
     */
    static boolean forgetLoopbackLoginFailures() {
        if (System.getProperty("vireo.it.server") == null) {
            return false;
        }
        try (Connection db = database(true);
             PreparedStatement delete = db.prepareStatement("delete from login_attempts where subject in (?, ?)")) {
            delete.setString(1, "127.0.0.1");
            delete.setString(2, "0:0:0:0:0:0:0:0/64");
            delete.executeUpdate();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
