package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The image catalogue on the test driver: every image route of Nano's seed and of /api/images,
 * with their documented errors and bad input (nothing changed in the database or the store),
 * chunked uploads that resume and check their SHA-256, ranged downloads, and who sees what. The
 * store is a dir pool of the default host on a directory of this machine, so the bytes really
 * move (through the volume's file: the test driver has no volume streams).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ImagesIT {

    private static final String STORE = "/api/storagepools/vireo-images/storagevolumes/";

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void aMediaImageGoesThroughNanosRoutesFromCreationToDeletion() throws SQLException {
        String name = "centos-" + suffix;
        String id = api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"owner\": \"admin\","
                        + " \"group\": \"admins\", \"description\": \"some desc\", \"tags\": [\"linux\", \"64bit\"]}")
                .post("/nano/media_images/").then().statusCode(200).body("error_code", equalTo(0))
                .extract().path("data.id");
        api().get("/nano/media_images/").then().statusCode(200).body("data.id", hasItem(id));
        api().get("/nano/media_images/" + id).then().statusCode(200)
                .body("data.name", equalTo(name)).body("data.description", equalTo("some desc"))
                .body("data.size", equalTo(0)).body("data.tags", equalTo(java.util.List.of("64bit", "linux")))
                .body("data.create_time", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));

        api().contentType(ContentType.JSON).body("{\"description\": \"install media\", \"tags\": [\"centos\"]}")
                .put("/nano/media_images/" + id).then().statusCode(200).body("error_code", equalTo(0));
        api().get("/nano/media_images/" + id).then().body("data.description", equalTo("install media"))
                .body("data.name", equalTo(name)).body("data.tags", equalTo(java.util.List.of("centos")));

        byte[] iso = bytes(200_000, 1);
        api().multiPart("image", "centos.iso", iso).post("/nano/media_image_files/" + id).then().statusCode(200)
                .body("error_code", equalTo(0)).body("data.state", equalTo("ready")).body("data.size", equalTo(iso.length))
                .body("data.checksum", equalTo(sha256(iso)));
        byte[] downloaded = api().get("/nano/media_image_files/" + id).then().statusCode(200)
                .header("Accept-Ranges", "bytes").extract().asByteArray();
        assertThat(downloaded).isEqualTo(iso);
        String volume = id + ".iso";
        api().get(STORE + volume).then().statusCode(200);
        assertThat(row(id)).isEqualTo("READY " + iso.length);

        api().delete("/nano/media_images/" + id).then().statusCode(200).body("error_code", equalTo(0));
        api().get("/nano/media_images/" + id).then().statusCode(404).body("error_code", equalTo(404))
                .body("data.code", equalTo("IMG0001E"));
        api().get(STORE + volume).then().statusCode(404);
        assertThat(row(id)).isNull();
    }

    @Test
    void aChunkedUploadResumesWhereTheServerSaysAndIsCheckedAtTheEnd() throws SQLException {
        byte[] disk = bytes(300_000, 2);
        String id = create("{\"kind\": \"disk\", \"name\": \"base-" + suffix + "\", \"checksum\": \"" + sha256(disk) + "\"}");
        chunk(id, disk, 0, 99_999).then().statusCode(200).body("state", equalTo("uploading"))
                .body("uploaded", equalTo(100_000)).body("size", equalTo(disk.length));
        api().get("/nano/disk_images/" + id).then().body("data.created", equalTo(false)).body("data.progress", equalTo(33));

        // a chunk that does not start where the last ended is refused, and nothing counts
        chunk(id, disk, 150_000, 199_999).then().statusCode(409).body("code", equalTo("IMG0004E"));
        // a chunk cut short (its body shorter than its range) counts for nothing either
        api().contentType(ContentType.BINARY).header("Content-Range", "bytes 100000-199999/300000")
                .body(Arrays.copyOfRange(disk, 100_000, 150_000)).put("/api/images/" + id + "/content")
                .then().statusCode(400).body("code", equalTo("IMG0005E"));
        api().get("/api/images/" + id).then().body("uploaded", equalTo(100_000));
        api().get("/api/images/" + id + "/content").then().statusCode(409).body("code", equalTo("IMG0003E"));

        chunk(id, disk, 100_000, 199_999).then().statusCode(200).body("uploaded", equalTo(200_000));
        chunk(id, disk, 200_000, 299_999).then().statusCode(200).body("state", equalTo("ready"))
                .body("checksum", equalTo(sha256(disk)));
        chunk(id, disk, 0, 99_999).then().statusCode(409).body("code", equalTo("IMG0009E"));
        assertThat(row(id)).isEqualTo("READY " + disk.length);
        assertThat(api().get("/api/images/" + id + "/content").then().statusCode(200).extract().asByteArray())
                .isEqualTo(disk);
        api().get("/nano/disk_images/" + id).then().body("data.created", equalTo(true))
                .body("data.size", equalTo(disk.length)).body("data.progress", nullValue());
        api().get(STORE + id + ".qcow2").then().statusCode(200);
        // the audit log has the upload begun and completed, each refused chunk, and no entry for the chunk between
        assertThat(uploadEntries(id)).containsExactly("ok begun: 300000 bytes in all", "IMG0004E", "IMG0005E",
                "ok complete: 300000 bytes, SHA-256 " + sha256(disk), "IMG0009E");
        api().delete("/api/images/" + id).then().statusCode(204);
    }

    @Test
    void anUploadWithAnotherChecksumIsDiscardedAndTheImageIsNotReady() throws SQLException {
        byte[] content = bytes(50_000, 3);
        String id = create("{\"kind\": \"media\", \"name\": \"bad-" + suffix + "\", \"checksum\": \""
                + sha256(bytes(50_000, 4)) + "\"}");
        api().contentType(ContentType.BINARY).body(content).put("/api/images/" + id + "/content").then()
                .statusCode(409).body("code", equalTo("IMG0006E"))
                .body("reason", org.hamcrest.Matchers.containsString(sha256(content)));
        api().get("/api/images/" + id).then().body("state", equalTo("empty")).body("uploaded", equalTo(0))
                .body("checksum", nullValue());
        assertThat(row(id)).isEqualTo("EMPTY 0");
        api().get("/api/images/" + id + "/content").then().statusCode(409).body("code", equalTo("IMG0003E"));

        // the declared checksum was the wrong one: correct it, upload again
        api().contentType(ContentType.JSON).body("{\"checksum\": \"" + sha256(content) + "\"}").put("/api/images/" + id)
                .then().statusCode(200);
        api().contentType(ContentType.BINARY).body(content).put("/api/images/" + id + "/content").then()
                .statusCode(200).body("state", equalTo("ready"));
        api().delete("/api/images/" + id).then().statusCode(204);
    }

    @Test
    void aDownloadAnswersOneRangeAndRefusesOneOutsideTheContent() {
        byte[] content = bytes(10_000, 5);
        String id = create("{\"kind\": \"media\", \"name\": \"ranges-" + suffix + "\"}");
        api().contentType(ContentType.BINARY).body(content).put("/api/images/" + id + "/content").then().statusCode(200);
        String path = "/api/images/" + id + "/content";

        Response first = api().header("Range", "bytes=100-199").get(path);
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.header("Content-Range")).isEqualTo("bytes 100-199/10000");
        assertThat(first.asByteArray()).isEqualTo(Arrays.copyOfRange(content, 100, 200));
        Response open = api().header("Range", "bytes=9000-").get(path);
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.asByteArray()).isEqualTo(Arrays.copyOfRange(content, 9000, 10_000));
        Response suffixRange = api().header("Range", "bytes=-10").get(path);
        assertThat(suffixRange.header("Content-Range")).isEqualTo("bytes 9990-9999/10000");
        assertThat(suffixRange.asByteArray()).isEqualTo(Arrays.copyOfRange(content, 9990, 10_000));
        Response past = api().header("Range", "bytes=20000-").get(path);
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.header("Content-Range")).isEqualTo("bytes */10000");
        assertThat(past.jsonPath().getString("code")).isEqualTo("IMG0007E");
        // a header Vireo does not read is ignored, as HTTP allows: all of it
        assertThat(api().header("Range", "lines=1-2").get(path).then().statusCode(200).extract().asByteArray())
                .isEqualTo(content);
        Response nano = api().header("Range", "bytes=0-9").get("/nano/media_image_files/" + id);
        assertThat(nano.statusCode()).isEqualTo(206);
        assertThat(nano.asByteArray()).isEqualTo(Arrays.copyOfRange(content, 0, 10));
        api().delete("/api/images/" + id).then().statusCode(204);
    }

    @Test
    void badInputIsRefusedClearlyAndChangesNothing() throws SQLException {
        String name = "refused-" + suffix;
        refuse("{\"name\": \"" + name + "\"}", "API0010E");
        refuse("{\"kind\": \"floppy\", \"name\": \"" + name + "\"}", "IMG0002E");
        refuse("{\"kind\": \"disk\", \"name\": \"-" + name + "\"}", "NAME0001E");
        refuse("{\"kind\": \"disk\", \"name\": \"" + name + "\", \"visibility\": \"secret\"}", "IMG0002E");
        refuse("{\"kind\": \"disk\", \"name\": \"" + name + "\", \"visibility\": \"group\"}", "IMG0002E");
        refuse("{\"kind\": \"disk\", \"name\": \"" + name + "\", \"tags\": [\"a b\"]}", "IMG0002E");
        refuse("{\"kind\": \"disk\", \"name\": \"" + name + "\", \"checksum\": \"abc\"}", "IMG0002E");
        refuse("{\"kind\": \"disk\", \"name\": \"" + name + "\", \"group\": \"no-such-group\"}", "IMG0013E");
        refuse("{\"kind\": \"disk\", \"name\": \"" + name + "\", \"owner\": \"no-such-account\"}", "IMG0012E");
        refuse("{\"kind\": \"disk\", \"name\": \"" + name + "\", \"colour\": \"red\"}", "API0003E");
        assertThat(count(name)).isZero();
        api().contentType(ContentType.JSON).body("{\"name\": \"-bad\"}").post("/nano/media_images/").then()
                .statusCode(400).body("error_code", equalTo(400)).body("data.code", equalTo("NAME0001E"));
        assertThat(count("-bad")).isZero();

        String id = create("{\"kind\": \"media\", \"name\": \"" + name + "\"}");
        api().contentType(ContentType.JSON).body("{\"name\": \"-x\"}").put("/api/images/" + id).then().statusCode(400);
        api().contentType(ContentType.JSON).body("{\"kind\": \"disk\"}").put("/api/images/" + id).then().statusCode(400)
                .body("code", equalTo("IMG0002E"));
        api().get("/nano/disk_images/" + id).then().statusCode(404).body("data.code", equalTo("IMG0001E"));
        api().contentType(ContentType.BINARY).header("Content-Range", "bytes 0-9").body(new byte[10])
                .put("/api/images/" + id + "/content").then().statusCode(400).body("code", equalTo("IMG0005E"));
        api().contentType(ContentType.BINARY).header("Content-Range", "bytes 5-9/8").body(new byte[5])
                .put("/api/images/" + id + "/content").then().statusCode(400).body("code", equalTo("IMG0005E"));
        api().contentType(ContentType.BINARY).header("Content-Range", "bytes 0-9/100").body(new byte[4])
                .put("/api/images/" + id + "/content").then().statusCode(400).body("code", equalTo("IMG0005E"));
        api().contentType(ContentType.BINARY).header("Content-Range", "bytes 0-" + (9L << 20) + "/" + (10L << 20))
                .body(new byte[1]).put("/api/images/" + id + "/content").then().statusCode(400);
        api().multiPart("file", "x.iso", new byte[] {1}).post("/nano/media_image_files/" + id).then().statusCode(400)
                .body("data.code", equalTo("API0003E"));
        api().get("/api/images/" + id).then().body("name", equalTo(name)).body("state", equalTo("empty"))
                .body("uploaded", equalTo(0));
        assertThat(row(id)).isEqualTo("EMPTY 0");
        api().get(STORE + id + ".iso").then().statusCode(404);
        api().delete("/api/images/" + id).then().statusCode(204);
        api().delete("/api/images/" + id).then().statusCode(404).body("code", equalTo("IMG0001E"));
    }

    @Test
    void oneSeesOnesOwnOnesGroupsAndPublicImagesAndChangesOnlyOnesOwn() {
        String user = user();
        RequestSpecification asUser = TestAccounts.as(Vireo.BASE, user, password(user));
        String secret = create("{\"kind\": \"disk\", \"name\": \"secret-" + suffix + "\"}");
        String shared = create("{\"kind\": \"disk\", \"name\": \"shared-" + suffix + "\", \"group\": \"users\","
                + " \"tags\": [\"linux\", \"shared\"]}");
        String everyone = create("{\"kind\": \"disk\", \"name\": \"public-" + suffix + "\", \"visibility\": \"public\"}");

        asUser.get("/api/images/" + secret).then().statusCode(404).body("code", equalTo("IMG0001E"));
        asUser.get("/api/images/" + shared).then().statusCode(200).body("visibility", equalTo("group"));
        asUser.get("/api/images/" + everyone).then().statusCode(200);
        JsonPath listed = asUser.get("/api/images?kind=disk").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("id", String.class)).contains(shared, everyone).doesNotContain(secret);
        asUser.contentType(ContentType.JSON).body("{\"description\": \"mine now\"}").put("/api/images/" + everyone)
                .then().statusCode(403).body("code", equalTo("IMG0010E"));
        asUser.delete("/api/images/" + shared).then().statusCode(403).body("code", equalTo("IMG0010E"));
        asUser.contentType(ContentType.JSON).body("{\"kind\": \"disk\", \"name\": \"x-" + suffix + "\", \"owner\": \"admin\"}")
                .post("/api/images").then().statusCode(400).body("code", equalTo("IMG0012E"));

        String own = asUser.contentType(ContentType.JSON).body("{\"kind\": \"media\", \"name\": \"own-" + suffix + "\"}")
                .post("/api/images").then().statusCode(201).body("owner", equalTo(user)).extract().path("id");
        api().get("/api/images/" + own).then().statusCode(200).body("owner", equalTo(user));

        // Nano's search: a group's disk images with all the tags asked for
        api().get("/nano/disk_image_search?group=users&tags=linux,shared").then().statusCode(200)
                .body("data.id", equalTo(java.util.List.of(shared)));
        api().get("/nano/disk_image_search?group=users&tags=linux&tags=windows").then().statusCode(200)
                .body("data.id", not(hasItem(shared)));
        api().get("/api/images?owner=" + user).then().body("id", equalTo(java.util.List.of(own)));
        api().get("/api/images?name=SHARED-" + suffix).then().body("id", equalTo(java.util.List.of(shared)));
        api().get("/api/images?tag=shared&tag=linux&kind=disk").then().body("id", hasItem(shared))
                .body("id", not(hasItem(everyone)));

        for (String id : new String[] {secret, shared, everyone, own}) {
            api().delete("/api/images/" + id).then().statusCode(204);
        }
    }

    private static String create(String body) {
        return api().contentType(ContentType.JSON).body(body).post("/api/images").then().statusCode(201)
                .body("state", equalTo("empty")).extract().path("id");
    }

    private static void refuse(String body, String code) {
        api().contentType(ContentType.JSON).body(body).post("/api/images").then().statusCode(400).body("code", equalTo(code));
    }

    private static Response chunk(String id, byte[] content, int first, int last) {
        return api().contentType(ContentType.BINARY)
                .header("Content-Range", "bytes " + first + "-" + last + "/" + content.length)
                .body(Arrays.copyOfRange(content, first, last + 1)).put("/api/images/" + id + "/content");
    }

    private static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "STATE written" of the image's row, or null without one. */
    private static String row(String id) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select state, written_bytes from image where public_id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) + " " + rows.getLong(2) : null;
            }
        }
    }

    /** The audit entries of the image's upload, oldest first: "ok content", or the refusal's code. */
    private static List<String> uploadEntries(String id) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select result, content from audit_event"
                     + " where action = 'image.upload' and target = ? order by id")) {
            query.setString(1, id);
            List<String> entries = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add("ok".equals(rows.getString(1)) ? "ok " + rows.getString(2) : rows.getString(1));
                }
            }
            return entries;
        }
    }

    private static int count(String name) throws SQLException {
        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement("select count(*) from image where name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** A new account in the built-in group users. */
    private static String user() {
        String name = "img" + UUID.randomUUID().toString().substring(0, 8);
        api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"password\": \"" + password(name) + "\", \"groups\": [\"users\"]}")
                .post("/api/users").then().statusCode(201);
        return name;
    }

    private static String password(String user) {
        return "pw-" + new StringBuilder(user).reverse() + "-7";
    }
}
