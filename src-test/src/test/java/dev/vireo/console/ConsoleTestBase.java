package dev.vireo.console;

import static io.restassured.RestAssured.given;

import dev.vireo.TestAccounts;
import dev.vireo.e2e.RealHypervisor;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * What the console's browser tests share: the servers' addresses, a browser per test whose last
 * page is saved as a screenshot named after the test, names unique to the test, and running a
 * test against the real-QEMU server.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class ConsoleTestBase {

    /** The test-driver server. */
    static final String BASE = "http://localhost:" + System.getProperty("vireo.it.http-port");
    /** The real-QEMU server, shared with RealHypervisorIT. */
    static final String QEMU = "qemu";
    static final String QEMU_DEPLOYMENT = "console-on-qemu";
    static final String QEMU_BASE = "http://localhost:" + System.getProperty("vireo.it.qemu.http-port");
    static final By ERRORS = By.cssSelector(".ui-messages-error");
    static final By INFOS = By.cssSelector(".ui-messages-info");

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    /** The test's browser, once it opened one; closed after the test, its last page saved. */
    Browser browser;
    /** Eight characters unique to the test, for names. */
    String suffix;
    private String screenshot;

    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("vireo.it.ear")));
    }

    static RequestSpecification admin() {
        return TestAccounts.asAdmin(BASE);
    }

    @BeforeEach
    void nameTheTest(TestInfo test) {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        screenshot = test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.screenshot(screenshot);
            browser.close();
            browser = null;
        }
    }

    interface Steps {
        void run() throws Exception;
    }

    /**
     * Runs {@code steps} against the real-QEMU server with Vireo deployed there (the class declares
     * the unmanaged deployment {@link #QEMU_DEPLOYMENT}), and leaves that server stopped and without
     * this deployment, as RealHypervisorIT expects. Skipped with the reason where no real hypervisor
     * can run.
     */
    void onRealHypervisor(Steps steps) throws Exception {
        Optional<String> unavailable = RealHypervisor.startOrExplain();
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> "no real hypervisor here: " + unavailable.orElse(""));
        if (!controller.isStarted(QEMU)) {
            controller.start(QEMU);
        }
        // RealHypervisorIT may have left its own deployment there: the API then answers 401, not 404
        boolean deployHere = given().baseUri(QEMU_BASE).get("/api/vms").statusCode() == 404;
        if (deployHere) {
            deployer.deploy(QEMU_DEPLOYMENT);
        }
        try {
            steps.run();
        } finally {
            if (deployHere) {
                deployer.undeploy(QEMU_DEPLOYMENT);
            }
            controller.stop(QEMU);
        }
    }
}
