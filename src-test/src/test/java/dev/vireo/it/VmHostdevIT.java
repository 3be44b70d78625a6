package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A VM's host devices on libvirt's test driver. Its host has no PCI, USB or SCSI device a VM could
 * be given (only "computer" and SCSI host adapters), so what is proven here is every refusal;
 * RealHypervisorIT assigns one of a real machine's PCI devices.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VmHostdevIT {

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    private static RequestSpecification json() {
        return api().contentType(ContentType.JSON);
    }

    @Test
    void aVmWithoutHostDevicesListsNone() {
        api().get("/api/vms/test/hostdevs").then().statusCode(200).body("$", empty());
        api().get("/plugins/kimchi/vms/test/hostdevs").then().statusCode(200).body("$", empty());
        api().get("/api/vms/test/hostdevs/pci_0000_00_02_0").then()
                .statusCode(404).body("code", equalTo("HOST0011E")).body("reason", containsString("pci_0000_00_02_0"));
        api().delete("/api/vms/test/hostdevs/pci_0000_00_02_0").then().statusCode(404).body("code", equalTo("HOST0011E"));
    }

    @Test
    void anUnknownDeviceIsNotFound() {
        json().body("{\"name\": \"pci_0000_00_99_0\"}").post("/api/vms/test/hostdevs").then()
                .statusCode(404).body("code", equalTo("HOST0010E")).body("reason", containsString("pci_0000_00_99_0"));
    }

    @Test
    void aDeviceThatCannotBePassedThroughIsRefused() {
        json().body("{\"name\": \"computer\"}").post("/api/vms/test/hostdevs").then()
                .statusCode(400).body("code", equalTo("VMS0020E")).body("reason", containsString("computer"));
        json().body("{\"name\": \"scsi_host1\"}").post("/plugins/kimchi/vms/test/hostdevs").then()
                .statusCode(400).body("code", equalTo("VMS0020E")).body("reason", containsString("scsi_host"));
        api().get("/api/vms/test/hostdevs").then().statusCode(200).body("$", empty());
    }

    @Test
    void aRequestNeedsAValidDeviceName() {
        json().body("{}").post("/api/vms/test/hostdevs").then().statusCode(400).body("code", equalTo("API0010E"));
        json().body("{\"name\": \"../computer\"}").post("/api/vms/test/hostdevs").then()
                .statusCode(400).body("code", equalTo("HOST0008E"));
        api().contentType(ContentType.JSON).post("/api/vms/test/hostdevs").then().statusCode(400);
    }

    @Test
    void anUnknownVmIsNotFound() {
        api().get("/api/vms/no-such-vm/hostdevs").then().statusCode(404).body("code", equalTo("VMS0004E"));
        json().body("{\"name\": \"computer\"}").post("/api/vms/no-such-vm/hostdevs").then()
                .statusCode(404).body("code", equalTo("VMS0004E"));
        api().delete("/api/vms/no-such-vm/hostdevs/pci_0000_00_02_0").then().statusCode(404).body("code", equalTo("VMS0004E"));
    }

    @Test
    void anotherUsersVmDoesNotExistForThem() {
        String user = "hd" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + user + "-hostdev";
        json().body("{\"name\": \"" + user + "\", \"password\": \"" + password + "\", \"groups\": [\"users\"]}")
                .post("/api/users").then().statusCode(201);
        RequestSpecification asUser = TestAccounts.as(Vireo.BASE, user, password);

        asUser.get("/api/vms/test/hostdevs").then().statusCode(404).body("code", equalTo("VMS0004E"));
        TestAccounts.as(Vireo.BASE, user, password).get("/api/vms/test/hostdevs/pci_0000_00_02_0").then()
                .statusCode(404).body("code", equalTo("VMS0004E"));
        // giving host hardware to a VM takes host.manage, which the user role lacks, whatever the VM
        TestAccounts.as(Vireo.BASE, user, password).contentType(ContentType.JSON).body("{\"name\": \"computer\"}")
                .post("/api/vms/test/hostdevs").then().statusCode(403).body("code", equalTo("AUTH0004E"));
        TestAccounts.as(Vireo.BASE, user, password).delete("/api/vms/test/hostdevs/pci_0000_00_02_0").then()
                .statusCode(403).body("code", equalTo("AUTH0004E"));
    }
}
