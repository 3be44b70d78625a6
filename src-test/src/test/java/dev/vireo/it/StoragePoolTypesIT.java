package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pools of every Kimchi type on the test driver, which defines them all and starts them without
 * reaching any server or device; kimchi_isos; storage servers and source discovery.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoragePoolTypesIT {

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ValidatableResponse create(String json) {
        return api().contentType(ContentType.JSON).body(json).post("/api/storagepools").then();
    }

    private static ValidatableResponse put(String pool, String json) {
        return api().contentType(ContentType.JSON).body(json).put("/api/storagepools/" + pool).then();
    }

    @Test
    void definesEachTypeAndShowsItsSource() {
        String nfs = unique("nfs");
        create("{\"name\": \"" + nfs + "\", \"type\": \"netfs\", \"source\": {\"host\": \"nas.example.com\", \"path\": \"/exports/vms\"}}")
                .statusCode(201)
                .body("type", equalTo("netfs"))
                .body("state", equalTo("inactive"))
                .body("autostart", equalTo(false))
                .body("persistent", equalTo(true))
                .body("path", equalTo("/var/lib/vireo/nfs_mount/" + nfs))
                .body("source.addr", equalTo("nas.example.com"))
                .body("source.path", equalTo("/exports/vms"));
        // the test driver "mounts" nothing: activation just marks the pool active
        api().post("/api/storagepools/" + nfs + "/activate").then().statusCode(200).body("state", equalTo("active"));
        put(nfs, "{\"autostart\": true}").statusCode(200).body("autostart", equalTo(true));

        String san = unique("san");
        create("{\"name\": \"" + san + "\", \"type\": \"iscsi\", \"source\": {\"host\": \"10.0.0.5\", \"port\": 3261,"
                + " \"target\": \"iqn.2024-01.com.example:disks\"}}")
                .statusCode(201)
                .body("type", equalTo("iscsi"))
                .body("state", equalTo("inactive"))
                .body("path", equalTo("/dev/disk/by-path"))
                .body("source.addr", equalTo("10.0.0.5"))
                .body("source.port", equalTo(3261))
                .body("source.path", equalTo("iqn.2024-01.com.example:disks"))
                .body("source.username", nullValue());

        String vg = unique("vg");
        create("{\"name\": \"" + vg + "\", \"type\": \"logical\", \"source\": {\"devices\": [\"/dev/vdx\", \"/dev/vdy1\"]}}")
                .statusCode(201)
                .body("type", equalTo("logical"))
                .body("state", equalTo("active"))
                .body("autostart", equalTo(true))
                .body("path", equalTo("/dev/" + vg))
                .body("source.name", equalTo(vg))
                .body("source.devices", contains("/dev/vdx", "/dev/vdy1"));
        String existing = unique("vgx");
        create("{\"name\": \"" + existing + "\", \"type\": \"logical\", \"source\": {\"from_vg\": true}}")
                .statusCode(201).body("source.name", equalTo(existing)).body("source.devices", nullValue());

        String hba = unique("hba");
        create("{\"name\": \"" + hba + "\", \"type\": \"scsi\", \"source\": {\"adapter_name\": \"scsi_host3\"}}")
                .statusCode(201)
                .body("type", equalTo("scsi"))
                .body("state", equalTo("inactive"))
                .body("source.adapter_type", equalTo("scsi_host"))
                .body("source.adapter_name", equalTo("scsi_host3"));

        api().get("/api/storagepools").then().body("name", hasItem(nfs)).body("name", hasItem(san))
                .body("name", hasItem(vg)).body("name", hasItem(hba));
        api().get("/plugins/kimchi/storagepools/" + san).then().statusCode(200).body("source.port", equalTo(3261));

        // disks extend logical pools only; the test driver's volume groups are not on this machine
        put(nfs, "{\"disks\": [\"/dev/vdz\"]}").statusCode(400).body("code", equalTo("STG0027E"));
        put(vg, "{\"disks\": [\"/etc/passwd\"]}").statusCode(400).body("code", equalTo("STG0022E"));
        put(vg, "{\"disks\": [\"/dev/vdz\"]}").statusCode(409).body("code", equalTo("HOST0002E"))
                .body("reason", containsString("test driver"));

        for (String pool : new String[] {nfs, san, vg, existing, hba}) {
            api().delete("/api/storagepools/" + pool).then().statusCode(204);
        }
        api().get("/api/storagepools").then().body("name", not(hasItem(nfs))).body("name", not(hasItem(hba)));
    }

    @Test
    void refusesBadFieldsWithTheirOwnCodes() {
        create("{\"name\": \"x2\", \"type\": \"netfs\", \"source\": {\"host\": \"nas.example.com\"}}")
                .statusCode(400).body("code", equalTo("STG0018E")).body("reason", containsString("source.path"));
        create("{\"name\": \"x2\", \"type\": \"netfs\", \"source\": {\"host\": \"nas example\", \"path\": \"/e\"}}")
                .statusCode(400).body("code", equalTo("STG0019E")).body("reason", containsString("nas example"));
        create("{\"name\": \"x2\", \"type\": \"netfs\", \"source\": {\"host\": \"nas\", \"path\": \"exports\"}}")
                .statusCode(400).body("code", equalTo("STG0005E"));
        create("{\"name\": \"x2\", \"type\": \"iscsi\", \"source\": {\"host\": \"nas\", \"target\": \"disks\"}}")
                .statusCode(400).body("code", equalTo("STG0020E"));
        create("{\"name\": \"x2\", \"type\": \"iscsi\", \"source\": {\"host\": \"nas\", \"target\": \"iqn.2024-01.com.example:d\","
                + " \"port\": 0}}").statusCode(400).body("code", equalTo("STG0021E"));
        create("{\"name\": \"x2\", \"type\": \"logical\", \"source\": {\"devices\": [\"/tmp/disk\"]}}")
                .statusCode(400).body("code", equalTo("STG0022E"));
        create("{\"name\": \"x2\", \"type\": \"logical\"}").statusCode(400).body("code", equalTo("STG0018E"));
        create("{\"name\": \"x2\", \"type\": \"scsi\", \"source\": {\"adapter_name\": \"sda\"}}")
                .statusCode(400).body("code", equalTo("STG0024E"));
        create("{\"name\": \"x2\", \"type\": \"dir\", \"path\": \"/srv/x2\", \"source\": {\"host\": \"nas\"}}")
                .statusCode(400).body("code", equalTo("STG0029E"));
        create("{\"name\": \"x2\", \"type\": \"zfs\"}").statusCode(400).body("code", equalTo("STG0005E"));
        api().get("/api/storagepools").then().body("name", not(hasItem("x2")));
    }

    @Test
    void neverShowsTheChapPassword() {
        String password = "Pw-" + UUID.randomUUID();
        String san = unique("chap");
        Response created = api().contentType(ContentType.JSON).body("{\"name\": \"" + san + "\", \"type\": \"iscsi\", \"source\":"
                + " {\"host\": \"san.example.com\", \"target\": \"iqn.2024-01.com.example:disks\", \"auth\": {\"username\":"
                + " \"alice\", \"password\": \"" + password + "\"}}}").post("/api/storagepools");
        // the test driver keeps no secrets: refused clearly, and nothing is left behind
        created.then().statusCode(409).body("code", equalTo("HOST0002E")).body("reason", containsString("Secret"));
        Response bad = api().contentType(ContentType.JSON).body("{\"name\": \"" + san + "\", \"type\": \"iscsi\", \"source\":"
                + " {\"host\": \"san.example.com\", \"target\": \"iqn.2024-01.com.example:disks\", \"auth\": {\"username\":"
                + " \"al ice\", \"password\": \"" + password + "\"}}}").post("/api/storagepools");
        bad.then().statusCode(400).body("code", equalTo("STG0023E"));
        Response pool = api().get("/api/storagepools/" + san);
        pool.then().statusCode(404);
        Response list = api().get("/api/storagepools");
        Response log = api().get("/api/logs?limit=50");
        for (Response response : new Response[] {created, bad, pool, list, log}) {
            assertThat(response.asString()).doesNotContain(password);
        }
        assertThat(log.asString()).contains("storagepool.create");
    }

    @Test
    void kimchiIsosIsAReadOnlyViewListedWithThePools() {
        api().get("/api/storagepools").then().body("find { it.name == 'kimchi_isos' }.type", equalTo("kimchi-iso"))
                .body("find { it.name == 'kimchi_isos' }.state", equalTo("active"));
        api().get("/api/storagepools/kimchi_isos").then().statusCode(200)
                .body("name", equalTo("kimchi_isos")).body("type", equalTo("kimchi-iso")).body("capacity", nullValue());
        api().get("/plugins/kimchi/storagepools/kimchi_isos/storagevolumes").then().statusCode(200);

        api().delete("/api/storagepools/kimchi_isos").then().statusCode(409).body("code", equalTo("STG0017E"));
        api().post("/api/storagepools/kimchi_isos/deactivate").then().statusCode(409).body("code", equalTo("STG0017E"));
        put("kimchi_isos", "{\"autostart\": false}").statusCode(409).body("code", equalTo("STG0017E"));
        create("{\"name\": \"kimchi_isos\", \"type\": \"dir\", \"path\": \"/srv/isos\"}").statusCode(409)
                .body("code", equalTo("STG0017E"));
        api().contentType(ContentType.JSON).body("{\"name\": \"v.qcow2\", \"capacity\": 1024}")
                .post("/api/storagepools/kimchi_isos/storagevolumes").then().statusCode(409).body("code", equalTo("STG0017E"))
                .body("reason", containsString("use the pool that holds the image"));
        api().delete("/api/storagepools/kimchi_isos/storagevolumes/any.iso").then().statusCode(409)
                .body("code", equalTo("STG0017E"));
    }

    @Test
    void aKimchiIsoPoolIsFilledByADeepScan() throws IOException {
        Path media = Files.createTempDirectory("vireo-it-media");
        Path nested = Files.createDirectories(media.resolve("a/b"));
        Files.write(nested.resolve("tiny.iso"), isoImage());
        Files.write(media.resolve("notes.iso"), "not an image".getBytes(StandardCharsets.US_ASCII));
        String pool = unique("isos");

        String task = create("{\"name\": \"" + pool + "\", \"type\": \"kimchi-iso\", \"path\": \"" + media + "\"}")
                .statusCode(202)
                .header("Location", containsString("/api/tasks/"))
                .body("target_uri", equalTo("/api/storagepools/" + pool))
                .extract().path("id");
        Awaitility.await().until(() -> !"running".equals(api().get("/api/tasks/" + task).then().extract().path("status")));
        api().get("/api/tasks/" + task).then().body("status", equalTo("finished"))
                .body("message", containsString("found 1 ISO image under " + media));
        api().get("/api/storagepools/" + pool).then().statusCode(200)
                .body("type", equalTo("kimchi-iso")).body("state", equalTo("active"))
                .body("path", equalTo(Path.of(System.getProperty("vireo.it.server"), "standalone", "data", "vireo", "iso-scans",
                        pool).toAbsolutePath().normalize().toString()));

        api().delete("/api/storagepools/" + pool).then().statusCode(204);
        assertThat(nested.resolve("tiny.iso")).as("removing the pool keeps the images").exists();
        create("{\"name\": \"" + pool + "\", \"type\": \"kimchi-iso\", \"path\": \"" + media.resolve("missing") + "\"}")
                .statusCode(400).body("code", equalTo("STG0005E"));
    }

    @Test
    void refusesToRemoveALogicalPoolATemplateUses() {
        String vg = unique("vgt");
        create("{\"name\": \"" + vg + "\", \"type\": \"logical\", \"source\": {\"devices\": [\"/dev/vdq\"]}}").statusCode(201);
        String template = vg + "-tpl";
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + vg + "\"}}]}").post("/api/templates").then().statusCode(201);
        api().delete("/api/storagepools/" + vg).then().statusCode(409).body("code", equalTo("STG0003E"))
                .body("reason", containsString("template " + template));
        api().delete("/api/templates/" + template).then().statusCode(204);
        api().delete("/api/storagepools/" + vg).then().statusCode(204);
    }

    @Test
    void listsTheServersOfPoolsAndDiscoversTargets() {
        String nfs = unique("srvn");
        String san = unique("srvi");
        create("{\"name\": \"" + nfs + "\", \"type\": \"netfs\", \"source\": {\"host\": \"filer.example.com\", \"path\": \"/exports/a\"}}")
                .statusCode(201);
        create("{\"name\": \"" + san + "\", \"type\": \"iscsi\", \"source\": {\"host\": \"10.9.8.7\", \"port\": 3262,"
                + " \"target\": \"iqn.2024-01.com.example:a\"}}").statusCode(201);
        try {
            api().get("/api/storageservers").then().statusCode(200)
                    .body("host", hasItem("filer.example.com")).body("host", hasItem("10.9.8.7"));
            api().get("/api/storageservers?_target_type=iscsi").then().statusCode(200)
                    .body("host", hasItem("10.9.8.7")).body("host", not(hasItem("filer.example.com")))
                    .body("find { it.host == '10.9.8.7' }.port", equalTo(3262));
            api().get("/plugins/kimchi/storageservers/filer.example.com").then().statusCode(200)
                    .body("host", equalTo("filer.example.com")).body("port", nullValue());
            api().get("/api/storageservers/nowhere.example.com").then().statusCode(404).body("code", equalTo("STG0028E"));
            api().get("/api/storageservers?_target_type=ceph").then().statusCode(400).body("code", equalTo("HOST0016E"));
            api().get("/api/storageservers/bad_host!/storagetargets").then().statusCode(400).body("code", equalTo("STG0019E"));

            // the test driver answers every NFS discovery with one export, /testshare, and cannot discover iSCSI
            api().get("/api/storageservers/nas2.example.com/storagetargets?_target_type=netfs").then().statusCode(200)
                    .body("host", contains("nas2.example.com")).body("target_type", contains("nfs"))
                    .body("target", contains("/testshare"));
            api().get("/api/storageservers/nas2.example.com/storagetargets").then().statusCode(200)
                    .body("target", contains("/testshare"));
            api().get("/api/storageservers/nas2.example.com/storagetargets?_target_type=iscsi&_server_port=3260").then()
                    .statusCode(409).body("code", equalTo("HOST0002E")).body("reason", containsString("iscsi"));
            api().get("/api/storageservers/nas2.example.com/storagetargets?_target_type=iscsi&_server_port=70000").then()
                    .statusCode(400).body("code", equalTo("STG0021E"));
        } finally {
            api().delete("/api/storagepools/" + nfs).then().statusCode(204);
            api().delete("/api/storagepools/" + san).then().statusCode(204);
        }
    }

    /** A minimal ISO 9660 image: a primary volume descriptor and a terminator. */
    static byte[] isoImage() {
        byte[] image = new byte[18 * 2048];
        image[16 * 2048] = 1;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, image, 16 * 2048 + 1, 5);
        image[17 * 2048] = (byte) 255;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, image, 17 * 2048 + 1, 5);
        return image;
    }
}
