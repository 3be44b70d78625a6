package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A guest user's password (Nano's {@code /nano/guest/{id}/auth}, native {@code /api/vms/{vm}/password})
 * on a compute pool of one private test-driver cell: a shut-off guest gets a cloud-init seed drive
 * (its ISO read back from the seed volume's file), a running one the password through its agent
 * (the test driver accepts it as an agent would); the password is kept sealed in the domain's
 * metadata and read back; refusals leave everything as it was.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NanoGuestAuthIT {

    private static final String NO_SUCH_GUEST = "00000000-0000-0000-0000-000000000000";
    private static final String SEED_POOL = "vireo-seeds";

    private NanoCell zone;
    private String suffix;
    private String cell;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void aPoolOfOneCell() throws IOException {
        zone = new NanoCell("ga");
        suffix = zone.suffix;
        cell = zone.cell;
    }

    @AfterEach
    void forgetTheZone() {
        zone.remove();
    }

    @Test
    void aShutOffGuestGetsItsPasswordFromACloudInitSeedDriveAtItsNextStart() throws Exception {
        String name = "auth-" + suffix;
        String id = guest(name);
        String auth = "/nano/guest/" + id + "/auth";
        api().get(auth).then().statusCode(404).body("data.code", equalTo("GOP0012E"));

        api().contentType(ContentType.JSON).body("{\"password\": \"asdb12356\", \"user\": \"root\"}").put(auth).then()
                .statusCode(200).body("error_code", equalTo(0)).body("data.user", equalTo("root"))
                .body("data.password", equalTo("asdb12356")).body("data.applied", equalTo("next_boot"));

        String seed = seedDrive(name);
        assertThat(Path.of(seed).getFileName().toString()).isEqualTo(id + "-cidata.iso");
        assertThat(label(seed)).isEqualTo("cidata");
        String userData = extract(seed, "user-data");
        assertThat(userData).startsWith("#cloud-config\n").contains("chpasswd:", "name: root", "type: hash",
                "ssh_pwauth: true").containsPattern("password: \\$6\\$").doesNotContain("asdb12356");
        String metaData = extract(seed, "meta-data");
        assertThat(metaData).contains("instance-id: " + id + "-", "local-hostname: " + name);
        assertThat(seedVolumes()).contains(id + "-cidata.iso");
        // kept sealed in the domain's metadata, never in clear
        String definition = api().get("/api/vms/" + name + "/definition?flag=2").then().statusCode(200).extract().asString();
        assertThat(definition).contains("https://vireo.dev/xmlns/guest-auth/1").doesNotContain("asdb12356");
        api().get(auth).then().statusCode(200).body("data.user", equalTo("root"))
                .body("data.password", equalTo("asdb12356")).body("data.applied", equalTo("next_boot"));

        // both left out: root (no Windows template) and a generated password; still one seed drive, a new instance id
        JsonPath generated = api().contentType(ContentType.JSON).body("{}").put("/api/vms/" + name + "/password").then()
                .statusCode(200).body("user", equalTo("root")).body("applied", equalTo("next_boot")).extract().jsonPath();
        String password = generated.getString("password");
        assertThat(password).hasSize(20).isNotEqualTo("asdb12356");
        assertThat(seedDrive(name)).isEqualTo(seed);
        assertThat(extract(seed, "meta-data")).isNotEqualTo(metaData);
        assertThat(extract(seed, "user-data")).isNotEqualTo(userData).doesNotContain(password);
        api().get("/api/vms/" + name + "/password").then().statusCode(200).body("user", equalTo("root"))
                .body("password", equalTo(password));

        // refused, nothing changed
        String current = extract(seed, "user-data");
        api().contentType(ContentType.JSON).body("{\"password\": \"short\"}").put(auth).then().statusCode(400)
                .body("data.code", equalTo("GOP0009E"));
        api().contentType(ContentType.JSON).body("{\"user\": \"ro ot\", \"password\": \"long enough\"}")
                .put("/api/vms/" + name + "/password").then().statusCode(400).body("code", equalTo("GOP0008E"));
        api().contentType(ContentType.JSON).body("{\"password\": 12345678}").put("/api/vms/" + name + "/password")
                .then().statusCode(400);
        api().contentType(ContentType.JSON).body("{\"password\": \"long enough\", \"extra\": 1}")
                .put("/api/vms/" + name + "/password").then().statusCode(400);
        assertThat(extract(seed, "user-data")).isEqualTo(current);
        api().get(auth).then().statusCode(200).body("data.password", equalTo(password));
        api().contentType(ContentType.JSON).body("{}").put("/nano/guest/" + NO_SUCH_GUEST + "/auth").then()
                .statusCode(404).body("data.code", equalTo("NANO0001E"));

        // the audit log names the guest, never the password
        String log = api().get("/api/logs?limit=50&action=vm.password.set").then().statusCode(200).extract().asString();
        assertThat(JsonPath.from(log).getList("findAll { it.target == '" + name + "' }")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(log).doesNotContain("asdb12356").doesNotContain(password);

        // the seed volume goes with the guest
        api().delete("/api/vms/" + name).then().statusCode(204);
        zone.forget(name);
        assertThat(seedVolumes()).doesNotContain(id + "-cidata.iso");
    }

    @Test
    void aRunningGuestGetsItThroughItsAgentWithoutASeedDrive() {
        String name = "live-" + suffix;
        String id = guest(name);
        api().post("/nano/instances/" + id).then().statusCode(200);

        api().contentType(ContentType.JSON).body("{\"user\": \"admin\", \"password\": \"s3cret pass\"}")
                .put("/nano/guest/" + id + "/auth").then().statusCode(200).body("data.user", equalTo("admin"))
                .body("data.password", equalTo("s3cret pass")).body("data.applied", equalTo("now"));

        assertThat(cdromSources(name)).isEmpty();
        api().get("/api/vms/" + name + "/password").then().statusCode(200).body("user", equalTo("admin"))
                .body("password", equalTo("s3cret pass")).body("applied", equalTo("now"));
        assertThat(api().get("/api/vms/" + name + "/definition?flag=0").then().statusCode(200).extract().asString())
                .contains("https://vireo.dev/xmlns/guest-auth/1").doesNotContain("s3cret pass");
    }

    private String guest(String name) {
        return zone.guest(name, null, "[64]");
    }

    /** The one CD-ROM drive of the VM's definition: the seed drive's file. */
    private static String seedDrive(String vm) {
        List<String> sources = cdromSources(vm);
        assertThat(sources).hasSize(1);
        return sources.get(0);
    }

    private static List<String> cdromSources(String vm) {
        return api().get("/api/vms/" + vm + "/storages").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.type == 'cdrom' }.path", String.class);
    }

    private List<String> seedVolumes() {
        return api().get("/api/storagepools/" + SEED_POOL + "/storagevolumes?host=" + cell).then().statusCode(200)
                .extract().jsonPath().getList("name", String.class);
    }

    /** The volume identifier of an ISO 9660 image: bytes 40–72 of its primary descriptor (sector 16). */
    private static String label(String iso) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(iso, "r")) {
            byte[] descriptor = new byte[2048];
            file.seek(16 * 2048L);
            file.readFully(descriptor);
            assertThat(new String(descriptor, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("CD001");
            return new String(descriptor, 40, 32, StandardCharsets.US_ASCII).strip();
        }
    }

    /** A file of the image as xorriso reads it back. */
    private String extract(String iso, String name) throws Exception {
        Path out = zone.dir.resolve(name + "-" + UUID.randomUUID());
        Path log = zone.dir.resolve("xorriso.log");
        Process process = new ProcessBuilder("xorriso", "-osirrox", "on", "-indev", iso, "-extract", "/" + name,
                out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        return Files.readString(out);
    }
}
