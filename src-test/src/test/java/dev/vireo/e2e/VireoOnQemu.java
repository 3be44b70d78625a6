package dev.vireo.e2e;

import io.restassured.RestAssured;
import java.util.Arrays;
import java.util.Objects;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every end-to-end class shares: the real hypervisor (skipped where it cannot run), and before
 * each case the {@value RealHypervisor#SERVER} server running with Vireo on it, deployed as the
 * class's own unmanaged deployment that {@link #deploymentName()} names (each class declares it with
 * {@code @Deployment(name = …, managed = false, testable = false)} returning {@link RealHypervisor#vireo()}).
 */
@ExtendWith({RealHypervisor.class, ArquillianExtension.class})
@RunAsClient
abstract class VireoOnQemu {

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    /** The name of the class's {@code @Deployment}. */
    private String deploymentName() {
        return Arrays.stream(getClass().getDeclaredMethods()).map(method -> method.getAnnotation(Deployment.class))
                .filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new AssertionError(getClass().getName() + " declares no @Deployment")).name();
    }

    /**
     * Starts the server unless it runs, and deploys Vireo unless it answers there: a class run before
     * may have left the server running without Vireo, since Arquillian undeploys what a class
     * deployed when it ends (the API then answers 404, not 401).
     */
    @BeforeEach
    void vireoOnTheRealHypervisor() {
        // a failed status or body assertion prints the request and the answer (its error JSON says why)
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        if (!controller.isStarted(RealHypervisor.SERVER)) {
            controller.start(RealHypervisor.SERVER);
        }
        if (RestAssured.given().baseUri(RealHypervisor.BASE).get("/api/vms").statusCode() == 404) {
            deployer.deploy(deploymentName());
        }
    }
}
