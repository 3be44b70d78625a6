package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** VM reads and lifecycle actions against what libvirt's test driver defines: domain "test". */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VmApiIT {

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void listsTheDomainsOfTheHostAsTheTestDriverDefinesThem() {
        api().get("/api/vms").then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("name", hasItem("test"))
                .body("find { it.name == 'test' }.uuid", equalTo("6695eb01-f6a4-8304-79aa-97f2502e193f"))
                .body("find { it.name == 'test' }.state", equalTo("running"))
                .body("find { it.name == 'test' }.persistent", equalTo(true));
    }

    @Test
    void showsOneVmWithTheSeedsFieldsAndUnits() {
        api().get("/api/vms/test").then()
                .statusCode(200)
                .body("name", equalTo("test"))
                .body("memory.current", equalTo(2048))
                .body("memory.maxmemory", equalTo(8192))
                .body("cpu_info.vcpus", equalTo(2))
                .body("cpu_info.maxvcpus", equalTo(2))
                .body("cpu_info.topology", nullValue())
                .body("bootorder", contains("hd"))
                .body("graphics.type", nullValue())
                .body("graphics", org.hamcrest.Matchers.hasKey("passwdValidTo"))
                .body("autostart", equalTo(false))
                .body("users", equalTo(java.util.List.of()))
                .body("groups", equalTo(java.util.List.of()));
    }

    private static String withoutStats(String vm) {
        return vm.replaceFirst("\"stats\":\\{[^}]*\\},?", "");
    }

    @Test
    void answersUnderTheKimchiPathsToo() {
        String api = api().get("/api/vms/test").then().statusCode(200).extract().asString();
        String kimchi = api().get("/plugins/kimchi/vms/test").then().statusCode(200).extract().asString();
        // the same VM, with the links as Kimchi writes them: relative, and its default icon; its live
        // statistics may move between the two reads (a sampler round), so they are left out
        assertThat(withoutStats(kimchi)).isEqualTo(withoutStats(
                api.replace("\"icon\":null", "\"icon\":\"plugins/kimchi/images/icon-vm.png\"")));
        api().get("/plugins/kimchi/vms").then().statusCode(200).body("name", hasItem("test"));
    }

    @Test
    void suspendsAndResumesAndRefusesActionsThatDoNotFitTheState() {
        api().post("/api/vms/test/suspend").then().statusCode(200).body("state", equalTo("paused"));
        api().get("/api/vms/test").then().body("state", equalTo("paused"));

        api().post("/api/vms/test/suspend").then()
                .statusCode(409)
                .body("code", equalTo("VMS0005E"))
                .body("reason", equalTo("Virtual machine test is paused: it cannot suspend"));

        api().contentType(ContentType.JSON).body("{}").post("/api/vms/test/resume").then()
                .statusCode(200).body("state", equalTo("running"));
        api().post("/api/vms/test/start").then().statusCode(409).body("code", equalTo("VMS0005E"));
        api().get("/api/vms/test").then().body("state", equalTo("running"));
    }

    @Test
    void powersOffAndStartsAgain() {
        api().post("/plugins/kimchi/vms/test/poweroff").then().statusCode(200).body("state", equalTo("shutoff"));
        api().get("/api/vms/test").then().body("state", equalTo("shutoff"));
        api().post("/api/vms/test/start").then().statusCode(200).body("state", equalTo("running"));
    }

    @Test
    void reportsUtilisationFromTheSampler() {
        // the test driver's counters grow with time; two samples (5 s apart) give rates
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                api().get("/api/vms/test").then()
                        .body("stats.cpu_utilization", org.hamcrest.Matchers.greaterThan(0f))
                        .body("stats.net_throughput", org.hamcrest.Matchers.greaterThan(0f)));
        api().get("/api/vms/test").then()
                .body("stats.cpu_utilization", org.hamcrest.Matchers.lessThanOrEqualTo(100f))
                .body("stats.mem_utilization", equalTo(50.0f))
                .body("stats.io_throughput_peak", org.hamcrest.Matchers.greaterThan(0f));
    }

    @Test
    void listsNetworkInterfacesWithTheAddressesTheirNetworkLeased() {
        api().get("/api/vms/test/ifaces").then()
                .statusCode(200)
                .body("mac", contains("aa:bb:cc:dd:ee:ff"))
                .body("[0].type", equalTo("network"))
                .body("[0].network", equalTo("default"))
                .body("[0].ips", contains("192.168.122.3"));
        api().get("/plugins/kimchi/vms/test/ifaces/AA:BB:CC:DD:EE:FF").then().statusCode(200)
                .body("mac", equalTo("aa:bb:cc:dd:ee:ff"));
        api().get("/api/vms/test/ifaces/52:54:00:00:00:01").then().statusCode(404).body("code", equalTo("VMS0016E"));
        api().get("/api/vms/test/ifaces/not-a-mac").then().statusCode(400).body("code", equalTo("VMS0017E"));
        nic("{\"network\": \"no-such-net\"}").statusCode(400).body("code", equalTo("TMPL0004E"));
        nic("{\"network\": \"default\", \"model\": \"tulip\"}").statusCode(400).body("code", equalTo("VMS0017E"));
        nic("{\"network\": \"default\", \"type\": \"bridge\"}").statusCode(400).body("code", equalTo("VMS0017E"));
        nic("{}").statusCode(400).body("code", equalTo("API0010E"));
        // the test driver cannot attach devices (the real hypervisor can: RealHypervisorIT)
        nic("{\"network\": \"default\"}").statusCode(409).body("code", equalTo("HOST0002E"));
        api().get("/api/vms/test/ifaces").then().body("mac", contains("aa:bb:cc:dd:ee:ff"));
    }

    private static io.restassured.response.ValidatableResponse nic(String json) {
        return api().contentType(ContentType.JSON).body(json).post("/api/vms/test/ifaces").then();
    }

    @Test
    void anUnknownVmIsA404WithItsName() {
        api().get("/api/vms/no-such-vm").then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("code", equalTo("VMS0004E"))
                .body("reason", equalTo("Virtual machine no-such-vm does not exist"));
        api().post("/api/vms/no-such-vm/start").then().statusCode(404).body("code", equalTo("VMS0004E"));
    }

    @Test
    void anInvalidNameIsA400AndReachesNoHypervisor() {
        api().get("/api/vms/bad name!").then()
                .statusCode(400)
                .body("code", equalTo("NAME0001E"))
                .body("reason", org.hamcrest.Matchers.startsWith("Invalid virtual machine name 'bad name!'"));
        api().post("/api/vms/.hidden/start").then().statusCode(400).body("code", equalTo("NAME0001E"));
        api().get("/api/vms").then().body("name", not(hasItem(".hidden")));
    }
}
