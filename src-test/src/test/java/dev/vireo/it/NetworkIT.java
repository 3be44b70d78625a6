package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
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
                .body("code", equalTo("NET0004E"));
        create("{\"name\": \"b1\", \"connection\": \"wormhole\"}").statusCode(400).body("code", equalTo("NET0005E"));
        create("{\"name\": \"b1\", \"subnet\": \"10.0.0.0/33\"}").statusCode(400).body("code", equalTo("NET0005E"));
        create("{\"name\": \"b1\", \"subnet\": \"300.0.0.0/24\"}").statusCode(400).body("code", equalTo("NET0005E"));
        create("{\"name\": \"default\"}").statusCode(409).body("code", equalTo("NET0002E"));
        create("{\"name\": \"bad name\"}").statusCode(400).body("code", equalTo("NAME0001E"));
        api().get("/api/networks").then().body("name", not(hasItem("b1")));
    }

    private static ValidatableResponse create(String json) {
        return api().contentType(ContentType.JSON).body(json).post("/api/networks").then();
    }
}
