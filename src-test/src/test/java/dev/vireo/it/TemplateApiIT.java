package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Templates on the test driver (pool "default-pool", network "default", 3 GiB of memory). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TemplateApiIT {

    private static final String POOL = "/plugins/kimchi/storagepools/default-pool";

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void createsATemplateWithTheSeedsDefaultsAndStoresIt() throws SQLException {
        String name = unique("fedora");
        create("{\"name\": \"" + name + "\", \"source_media\": {\"type\": \"netboot\"}, \"os_distro\": \"fedora\","
                + " \"os_version\": \"40\", \"disks\": [{\"pool\": {\"name\": \"" + POOL + "\"}}]}")
                .statusCode(201)
                .header("Location", endsWith("/api/templates/" + name))
                .body("name", equalTo(name))
                .body("os_distro", equalTo("fedora"))
                .body("os_version", equalTo("40"))
                .body("memory.current", equalTo(2048))
                .body("memory.maxmemory", equalTo(2048))
                .body("networks", contains("default"))
                .body("disks[0].index", equalTo(0))
                .body("disks[0].size", equalTo(10))
                .body("disks[0].format", equalTo("qcow2"))
                .body("disks[0].pool.name", equalTo(POOL))
                .body("disks[0].pool.type", equalTo("dir"))
                .body("storagepool", equalTo(POOL))
                .body("graphics.type", equalTo("vnc"))
                .body("graphics.listen", equalTo("127.0.0.1"))
                .body("cpu_info.vcpus", equalTo(1))
                .body("cpu_info.maxvcpus", equalTo(1))
                .body("cdrom", nullValue())
                .body("folder", empty())
                .body("invalid.networks", empty())
                .body("invalid.storagepools", empty());

        try (Connection db = Vireo.database();
             PreparedStatement query = db.prepareStatement(
                     "select memory_mib, max_memory_mib, vcpus, os_distro from template where name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt(1)).isEqualTo(2048);
                assertThat(row.getInt(2)).isEqualTo(2048);
                assertThat(row.getInt(3)).isEqualTo(1);
                assertThat(row.getString(4)).isEqualTo("fedora");
            }
        }
        api().get("/api/templates").then().statusCode(200).body("name", hasItem(name));
        api().get("/plugins/kimchi/templates/" + name).then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void appliesTheCpuTopologyRules() {
        create(body(unique("topo"), "\"cpu_info\": {\"topology\": {\"sockets\": 2, \"cores\": 2, \"threads\": 1}}"))
                .statusCode(201)
                .body("cpu_info.maxvcpus", equalTo(4))
                .body("cpu_info.vcpus", equalTo(4))
                .body("cpu_info.topology.sockets", equalTo(2));
        create(body(unique("topo"), "\"cpu_info\": {\"vcpus\": 3, \"topology\": {\"sockets\": 2, \"cores\": 2, \"threads\": 1}}"))
                .statusCode(400)
                .body("code", equalTo("TMPL0006E"))
                .body("reason", containsString("vcpus (3)"));
        create(body(unique("topo"), "\"cpu_info\": {\"maxvcpus\": 5, \"topology\": {\"sockets\": 2, \"cores\": 2, \"threads\": 1}}"))
                .statusCode(400).body("code", equalTo("TMPL0006E"));
    }

    @Test
    void refusesWhatTheHostDoesNotHaveAndChangesNothing() {
        String name = unique("bad");
        create(body(name, "\"networks\": [\"no-such-net\"]")).statusCode(400)
                .body("code", equalTo("TMPL0004E"))
                .body("reason", equalTo("Network no-such-net does not exist on the host"));
        create("{\"name\": \"" + name + "\", \"source_media\": {\"type\": \"netboot\"}, "
                + "\"disks\": [{\"pool\": {\"name\": \"no-such-pool\"}}]}").statusCode(400)
                .body("code", equalTo("TMPL0005E"));
        create(body(name, "\"memory\": {\"current\": 4096}")).statusCode(400)
                .body("code", equalTo("TMPL0007E"))
                .body("reason", containsString("exceeds the host's 3072 MiB"));
        create(body(name, "\"graphics\": {\"type\": \"rdp\"}")).statusCode(400).body("code", equalTo("TMPL0009E"));
        create(body(name, "\"disks\": [{\"size\": 0, \"pool\": {\"name\": \"default-pool\"}}]")).statusCode(400)
                .body("code", equalTo("TMPL0008E"));
        create(body(name, "\"memory\": {\"current\": \"lots\"}")).statusCode(400)
                .body("code", equalTo("API0002E"))
                .body("reason", containsString("memory.current"));
        create(body(name, "\"colour\": \"blue\"")).statusCode(400).body("code", equalTo("API0003E"));
        create("{\"name\": \"" + name + "\"}").statusCode(400)
                .body("code", equalTo("API0010E"))
                .body("reason", containsString("source_media"));
        create(body("bad name", "")).statusCode(400).body("code", equalTo("NAME0001E"));
        api().get("/api/templates/" + name).then().statusCode(404).body("code", equalTo("TMPL0001E"));
    }

    @Test
    void aTakenNameIsAConflict() {
        String name = unique("twice");
        create(body(name, "")).statusCode(201);
        create(body(name, "")).statusCode(409)
                .body("code", equalTo("TMPL0002E"))
                .body("reason", equalTo("A template named " + name + " already exists"));
    }

    @Test
    void changesOnlyTheFieldsAPutNamesAndRefusesStaleVersions() {
        String name = unique("edit");
        String etag = create(body(name, "\"memory\": {\"current\": 512}")).statusCode(201).extract().header("ETag");

        api().contentType(ContentType.JSON).header("If-Match", etag).body("{\"memory\": {\"current\": 768}, \"folder\": [\"linux\", \"lab\"]}")
                .put("/api/templates/" + name).then()
                .statusCode(200)
                .body("memory.current", equalTo(768))
                .body("memory.maxmemory", equalTo(768))
                .body("folder", contains("linux", "lab"))
                .body("networks", contains("default"));

        api().contentType(ContentType.JSON).header("If-Match", etag).body("{\"icon\": \"images/x.png\"}")
                .put("/api/templates/" + name).then()
                .statusCode(409)
                .body("code", equalTo("TMPL0003E"));
        api().get("/api/templates/" + name).then().body("icon", nullValue());

        api().contentType(ContentType.JSON).body("{\"cpu_info\": {\"vcpus\": 9, \"maxvcpus\": 2}}")
                .put("/api/templates/" + name).then().statusCode(400).body("code", equalTo("TMPL0006E"));
        api().get("/api/templates/" + name).then().body("cpu_info.vcpus", equalTo(1));
    }

    @Test
    void aRenameAnswers303WithTheNewUri() {
        String name = unique("old");
        String renamed = unique("new");
        create(body(name, "")).statusCode(201);
        api().redirects().follow(false).contentType(ContentType.JSON).body("{\"name\": \"" + renamed + "\"}")
                .put("/api/templates/" + name).then()
                .statusCode(303)
                .header("Location", endsWith("/api/templates/" + renamed));
        api().get("/api/templates/" + name).then().statusCode(404);
        api().get("/api/templates/" + renamed).then().statusCode(200).body("name", equalTo(renamed));
    }

    @Test
    void clonesWithTheCloneNRule() {
        String name = unique("base");
        create(body(name, "\"memory\": {\"current\": 256}")).statusCode(201);
        api().post("/api/templates/" + name + "/clone").then()
                .statusCode(201)
                .body("name", equalTo(name + "-clone1"))
                .body("memory.current", equalTo(256));
        // Kimchi sends its clients on to the copy
        api().redirects().follow(false).post("/plugins/kimchi/templates/" + name + "/clone").then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/templates/" + name + "-clone2"))
                .body("name", equalTo(name + "-clone2"));
        api().delete("/api/templates/" + name + "-clone1").then().statusCode(204);
        api().post("/api/templates/" + name + "/clone").then().statusCode(201).body("name", equalTo(name + "-clone3"));
    }

    @Test
    void deletesATemplate() {
        String name = unique("gone");
        create(body(name, "")).statusCode(201);
        api().delete("/api/templates/" + name).then().statusCode(204);
        api().get("/api/templates/" + name).then().statusCode(404);
        api().get("/api/templates").then().body("name", not(hasItem(name)));
        api().delete("/api/templates/" + name).then().statusCode(404).body("code", equalTo("TMPL0001E"));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String body(String name, String more) {
        return "{\"name\": \"" + name + "\", \"source_media\": {\"type\": \"netboot\"}, "
                + "\"disks\": [{\"pool\": {\"name\": \"default-pool\"}}]" + (more.isEmpty() ? "" : ", " + more) + "}";
    }

    private static ValidatableResponse create(String json) {
        return api().contentType(ContentType.JSON).body(json).post("/api/templates").then();
    }
}
