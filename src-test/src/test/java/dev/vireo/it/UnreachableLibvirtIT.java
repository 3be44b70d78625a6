package dev.vireo.it;

import dev.vireo.TestAccounts;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Vireo started against a libvirt host that refuses connections: not ready, and honest about it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UnreachableLibvirtIT {

    private static final String DEPLOYMENT = "vireo-unreachable";
    private static final String URI = "qemu+tcp://127.0.0.1:1/system";

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(Vireo.UNREACHABLE_SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void healthIsDownAndApiCallsAnswer503() {
        controller.start(Vireo.UNREACHABLE_SERVER);
        try {
            deployer.deploy(DEPLOYMENT);

            given().baseUri(Vireo.UNREACHABLE_MANAGEMENT).get("/health/ready").then()
                    .statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'libvirt' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'libvirt' }.data.uri", equalTo(URI))
                    .body("checks.find { it.name == 'database' }.status", equalTo("UP"));

            TestAccounts.asAdmin(Vireo.UNREACHABLE_BASE).get("/api/vms").then()
                    .statusCode(503)
                    .body("code", equalTo("HOST0001E"))
                    .body("reason", containsString(URI));
            // what needs no hypervisor still works
            TestAccounts.asAdmin(Vireo.UNREACHABLE_BASE).get("/api/config").then().statusCode(200);

            deployer.undeploy(DEPLOYMENT);
        } finally {
            controller.stop(Vireo.UNREACHABLE_SERVER);
        }
    }
}
