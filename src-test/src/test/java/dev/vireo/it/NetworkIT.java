package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Networks on the test driver (its "default" NAT network is 192.168.122.0/24 with the domain "test" on it). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NetworkIT {

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void showsTheTestDriversNetworkWithItsVms() {
        api().get("/api/networks/default").then()
                .statusCode(200)
                .body("state", equalTo("active"))
                .body("connection", equalTo("nat"))
                .body("subnet", equalTo("192.168.122.0/24"))
                .body("dhcp.start", equalTo("192.168.122.2"))
                .body("dhcp.end", equalTo("192.168.122.254"))
                .body("vms", hasItem("test"))
                .body("in_use", equalTo(true))
                .body("persistent", equalTo(true));
        api().delete("/api/networks/default").then().statusCode(409).body("code", equalTo("NET0003E"));
        api().post("/api/networks/default/deactivate").then().statusCode(409)
                .body("reason", containsString("running virtual machines test"));
    }

    @Test
    void createsIsolatedAndNatNetworksWithFreeOrGivenSubnets() {
        String isolated = "iso-" + UUID.randomUUID().toString().substring(0, 8);
        create("{\"name\": \"" + isolated + "\", \"connection\": \"isolated\", \"subnet\": \"10.77.0.0/255.255.0.0\"}")
                .statusCode(201)
                .body("connection", equalTo("isolated"))
                .body("subnet", equalTo("10.77.0.0/16"))
                .body("dhcp.start", equalTo("10.77.0.2"))
                .body("dhcp.end", equalTo("10.77.255.254"))
                .body("autostart", equalTo(true))
                .body("vms", empty());
        String nat = "nat-" + UUID.randomUUID().toString().substring(0, 8);
        String subnet = create("{\"name\": \"" + nat + "\", \"connection\": \"nat\"}").statusCode(201)
                .body("connection", equalTo("nat")).extract().path("subnet");
        org.assertj.core.api.Assertions.assertThat(subnet).matches("192\\.168\\.\\d+\\.0/24").isNotEqualTo("192.168.122.0/24");
        create("{\"name\": \"clash\", \"subnet\": \"192.168.122.128/25\"}").statusCode(400)
                .body("code", equalTo("NET0005E")).body("reason", containsString("overlaps 192.168.122.0/24"));

        api().post("/api/networks/" + isolated + "/deactivate").then().statusCode(200).body("state", equalTo("inactive"));
        api().post("/api/networks/" + isolated + "/activate").then().statusCode(200).body("state", equalTo("active"));
        api().delete("/api/networks/" + isolated).then().statusCode(204);
        api().delete("/plugins/kimchi/networks/" + nat).then().statusCode(204);
        api().get("/api/networks").then().body("name", not(hasItem(isolated))).body("name", not(hasItem(nat)));
        api().get("/api/networks/" + isolated).then().statusCode(404).body("code", equalTo("NET0001E"));
    }

    @Test
    void refusesWhatItCannotCreate() {
        create("{\"name\": \"b1\", \"connection\": \"bridge\", \"interfaces\": [\"eth0\"]}").statusCode(400)
                .body("code", equalTo("NET0006E")).body("reason", equalTo("The host has no network interface eth0"));
        create("{\"name\": \"b1\", \"connection\": \"macvtap\"}").statusCode(400)
                .body("code", equalTo("NET0005E")).body("reason", containsString("a macvtap network needs interfaces"));
        create("{\"name\": \"b1\", \"connection\": \"macvtap\", \"interfaces\": [\"eth1\"], \"vlan_id\": 5}")
                .statusCode(400).body("code", equalTo("NET0005E")).body("reason", containsString("vlan_id belongs to bridge networks"));
        create("{\"name\": \"b1\", \"connection\": \"bridge\", \"interfaces\": [\"eth1\"], \"vlan_id\": 4095}")
                .statusCode(400).body("code", equalTo("NET0005E")).body("reason", containsString("between 1 and 4094"));
        create("{\"name\": \"b1\", \"connection\": \"nat\", \"interfaces\": [\"eth1\"]}").statusCode(400)
                .body("code", equalTo("NET0005E"));
        create("{\"name\": \"b1\", \"connection\": \"vepa\", \"subnet\": \"10.0.0.0/24\", \"interfaces\": [\"eth1\"]}")
                .statusCode(400).body("code", equalTo("NET0005E"));
        // eth1 has 192.168.0.5/24 on the test driver
        create("{\"name\": \"b1\", \"subnet\": \"192.168.0.128/25\"}").statusCode(400).body("code", equalTo("NET0005E"))
                .body("reason", containsString("overlaps 192.168.0.5/24 of the host's interface eth1"));
        create("{\"name\": \"b1\", \"connection\": \"wormhole\"}").statusCode(400).body("code", equalTo("NET0005E"));
        create("{\"name\": \"b1\", \"subnet\": \"10.0.0.0/33\"}").statusCode(400).body("code", equalTo("NET0005E"));
        create("{\"name\": \"b1\", \"subnet\": \"300.0.0.0/24\"}").statusCode(400).body("code", equalTo("NET0005E"));
        create("{\"name\": \"default\"}").statusCode(409).body("code", equalTo("NET0002E"));
        create("{\"name\": \"bad name\"}").statusCode(400).body("code", equalTo("NAME0001E"));
        api().get("/api/networks").then().body("name", not(hasItem("b1")));
    }

    @Test
    void createsMacvtapVepaAndPassthroughNetworksOverAHostInterface() {
        for (String connection : List.of("macvtap", "vepa", "passthrough")) {
            String name = unique(connection);
            try {
                create("{\"name\": \"" + name + "\", \"connection\": \"" + connection + "\", \"interfaces\": [\"eth1\"]}")
                        .statusCode(201).body("connection", equalTo(connection)).body("interfaces", contains("eth1"));
                api().get("/api/networks/" + name).then().statusCode(200)
                        .body("connection", equalTo(connection))
                        .body("interfaces", contains("eth1"))
                        .body("subnet", nullValue())
                        .body("state", equalTo("active"))
                        .body("autostart", equalTo(true))
                        .body("persistent", equalTo(true))
                        .body("in_use", equalTo(false));
                api().get("/api/interfaces?_inuse=true").then().body("name", hasItem("eth1"));
                create("{\"name\": \"again\", \"connection\": \"macvtap\", \"interfaces\": [\"eth1\"]}").statusCode(409)
                        .body("code", equalTo("NET0007E")).body("reason", equalTo("Interface eth1 is already used by network " + name));
            } finally {
                api().delete("/api/networks/" + name).then().statusCode(204);
            }
        }
        api().get("/api/interfaces?_inuse=false").then().body("name", hasItem("eth1"));
    }

    @Test
    void bridgesANicThroughAHostBridgeVireoMakesTaggedOrNot() {
        String plain = unique("br");
        String tagged = unique("vlan");
        try {
            create("{\"name\": \"" + plain + "\", \"connection\": \"bridge\", \"interfaces\": [\"eth1\"]}").statusCode(201)
                    .body("connection", equalTo("bridge")).body("interfaces", contains("kbeth1"));
            api().get("/api/interfaces/kbeth1").then().statusCode(200).body("type", equalTo("bridge"))
                    .body("nics", contains("eth1"));
            // the NIC and the bridge over it are this network's
            create("{\"name\": \"b2\", \"connection\": \"bridge\", \"interfaces\": [\"kbeth1\"]}").statusCode(409)
                    .body("code", equalTo("NET0007E")).body("reason", containsString(plain));
            create("{\"name\": \"b2\", \"connection\": \"macvtap\", \"interfaces\": [\"eth1\"]}").statusCode(409)
                    .body("code", equalTo("NET0007E"));
            create("{\"name\": \"b2\", \"connection\": \"bridge\", \"interfaces\": [\"kbeth1\"], \"vlan_id\": 3}")
                    .statusCode(400).body("code", equalTo("NET0008E")).body("reason", containsString("a VLAN is tagged on a NIC"));
            api().delete("/api/networks/" + plain).then().statusCode(204);
            api().get("/api/interfaces/kbeth1").then().statusCode(404);

            create("{\"name\": \"" + tagged + "\", \"connection\": \"bridge\", \"interfaces\": [\"eth1\"], \"vlan_id\": 42}")
                    .statusCode(201).body("interfaces", contains("kbeth1-42"));
            api().get("/api/interfaces/kbeth1-42").then().statusCode(200).body("type", equalTo("bridge"))
                    .body("nics", contains("eth1.42"));

            // a change of VLAN makes the new bridge and removes the old one
            api().contentType(ContentType.JSON).body("{\"vlan_id\": 43}").put("/api/networks/" + tagged).then()
                    .statusCode(409).body("code", equalTo("NET0009E")).body("reason", containsString("deactivate it first"));
            api().post("/api/networks/" + tagged + "/deactivate").then().statusCode(200);
            api().contentType(ContentType.JSON).body("{\"vlan_id\": 43}").put("/api/networks/" + tagged).then()
                    .statusCode(200).body("interfaces", contains("kbeth1-43")).body("autostart", equalTo(true))
                    .body("state", equalTo("inactive"));
            api().get("/api/interfaces/kbeth1-43").then().statusCode(200).body("nics", contains("eth1.43"));
            api().get("/api/interfaces/kbeth1-42").then().statusCode(404);
            api().contentType(ContentType.JSON).body("{\"subnet\": \"10.3.0.0/24\"}").put("/api/networks/" + tagged).then()
                    .statusCode(400).body("code", equalTo("NET0005E"))
                    .body("reason", containsString("subnet applies to nat and isolated networks, not to bridge ones"));
        } finally {
            api().delete("/api/networks/" + plain);
            api().delete("/api/networks/" + tagged);
        }
        api().get("/api/interfaces").then().body("name", not(hasItem(startsWith("kbeth1"))));
    }

    @Test
    void aNetworkThatATemplateNamesIsInUseAndStays() {
        String network = unique("tpl");
        String template = unique("uses");
        try {
            create("{\"name\": \"" + network + "\", \"subnet\": \"10.81.0.0/24\"}").statusCode(201).body("in_use", equalTo(false));
            api().contentType(io.restassured.http.ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": "
                    + "{\"type\": \"netboot\"}, \"networks\": [\"" + network + "\"], \"disks\": [{\"size\": 1, \"pool\": "
                    + "{\"name\": \"default-pool\"}}]}").post("/api/templates").then().statusCode(201);
            api().get("/api/networks/" + network).then().body("in_use", equalTo(true)).body("vms", empty());
            api().delete("/api/networks/" + network).then().statusCode(409).body("code", equalTo("NET0003E"))
                    .body("reason", containsString("templates " + template));
            api().post("/api/networks/" + network + "/deactivate").then().statusCode(200);
            put(network, "{\"name\": \"" + unique("ren") + "\"}").statusCode(409).body("code", equalTo("NET0003E"));

            api().delete("/api/templates/" + template).then().statusCode(204);
            api().get("/api/networks/" + network).then().body("in_use", equalTo(false));
            api().delete("/api/networks/" + network).then().statusCode(204);
        } finally {
            api().delete("/api/templates/" + template);
            api().delete("/api/networks/" + network);
        }
    }

    @Test
    void changesAnInactiveIsolatedNetworkAndRenamesItWith303() {
        String name = unique("iso");
        String renamed = unique("ren");
        try {
            create("{\"name\": \"" + name + "\", \"subnet\": \"10.78.0.0/24\"}").statusCode(201);
            put(name, "{\"subnet\": \"10.79.0.0/24\"}").statusCode(409).body("code", equalTo("NET0009E"));
            // no change is no change, active or not
            put(name, "{\"subnet\": \"10.78.0.0/24\", \"connection\": \"isolated\"}").statusCode(200);
            api().post("/api/networks/" + name + "/deactivate").then().statusCode(200);

            put(name, "{\"subnet\": \"10.79.0.0/16\"}").statusCode(200)
                    .body("subnet", equalTo("10.79.0.0/16"))
                    .body("dhcp.start", equalTo("10.79.0.2"))
                    .body("dhcp.end", equalTo("10.79.255.254"))
                    .body("autostart", equalTo(true))
                    .body("connection", equalTo("isolated"));
            api().get("/api/networks/" + name).then().body("subnet", equalTo("10.79.0.0/16"));

            put(name, "{\"connection\": \"nat\"}").statusCode(400).body("code", equalTo("NET0010E"))
                    .body("reason", equalTo("The connection of network " + name + " cannot change: it stays isolated"));
            put(name, "{\"interfaces\": [\"eth1\"]}").statusCode(400).body("code", equalTo("NET0005E"));
            put(name, "{\"vlan_id\": 4}").statusCode(400).body("code", equalTo("NET0005E"));
            put(name, "{\"subnet\": \"192.168.122.0/28\"}").statusCode(400).body("code", equalTo("NET0005E"))
                    .body("reason", containsString("overlaps 192.168.122.0/24 of another network"));
            put(name, "{\"subnet\": \"192.168.0.0/24\"}").statusCode(400).body("code", equalTo("NET0005E"))
                    .body("reason", containsString("of the host's interface eth1"));
            put(name, "{\"name\": \"default\"}").statusCode(409).body("code", equalTo("NET0002E"));
            put(name, "{\"name\": \"bad name\"}").statusCode(400).body("code", equalTo("NAME0001E"));
            put(name, "{\"size\": 3}").statusCode(400);
            api().get("/api/networks/" + name).then().statusCode(200).body("subnet", equalTo("10.79.0.0/16"));

            api().redirects().follow(false).contentType(ContentType.JSON).body("{\"name\": \"" + renamed + "\"}")
                    .put("/api/networks/" + name).then()
                    .statusCode(303)
                    .header("Location", endsWith("/api/networks/" + renamed))
                    .body("name", equalTo(renamed))
                    .body("subnet", equalTo("10.79.0.0/16"));
            api().get("/api/networks/" + name).then().statusCode(404).body("code", equalTo("NET0001E"));
            api().get("/api/networks/" + renamed).then().statusCode(200).body("state", equalTo("inactive"))
                    .body("autostart", equalTo(true)).body("dhcp.start", equalTo("10.79.0.2"));
            api().post("/api/networks/" + renamed + "/activate").then().statusCode(200).body("state", equalTo("active"));
        } finally {
            api().delete("/api/networks/" + name);
            api().delete("/api/networks/" + renamed);
        }
    }

    @Test
    void changesTheInterfacesOfAMacvtapNetworkButNeverItsSubnet() {
        String name = unique("mv");
        String renamed = unique("mv2");
        try {
            create("{\"name\": \"" + name + "\", \"connection\": \"macvtap\", \"interfaces\": [\"eth1\"]}").statusCode(201);
            api().post("/api/networks/" + name + "/deactivate").then().statusCode(200);
            put(name, "{\"subnet\": \"10.80.0.0/24\"}").statusCode(400).body("code", equalTo("NET0005E"));
            put(name, "{\"interfaces\": [\"eth1\", \"eth1\"]}").statusCode(400).body("code", equalTo("NET0005E"));
            put(name, "{\"interfaces\": [\"eth7\"]}").statusCode(400).body("code", equalTo("NET0006E"));
            put(name, "{\"connection\": \"vepa\"}").statusCode(400).body("code", equalTo("NET0010E"));
            put(name, "{\"interfaces\": [\"eth1\"], \"vlan_id\": 9}").statusCode(400).body("code", equalTo("NET0005E"));
            api().redirects().follow(false).contentType(ContentType.JSON)
                    .body("{\"name\": \"" + renamed + "\", \"interfaces\": [\"eth1\"]}").put("/api/networks/" + name).then()
                    .statusCode(303).header("Location", endsWith("/api/networks/" + renamed))
                    .body("connection", equalTo("macvtap")).body("interfaces", contains("eth1"));
            api().get("/api/interfaces?_inuse=true").then().body("name", hasItem("eth1"));
        } finally {
            api().delete("/api/networks/" + name);
            api().delete("/api/networks/" + renamed);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ValidatableResponse put(String name, String json) {
        return api().contentType(ContentType.JSON).body(json).put("/api/networks/" + name).then();
    }

    private static ValidatableResponse create(String json) {
        return api().contentType(ContentType.JSON).body(json).post("/api/networks").then();
    }
}
