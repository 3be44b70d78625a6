package dev.vireo.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.vireo.TestAccounts;
import dev.vireo.e2e.HostFixtures;
import dev.vireo.e2e.RealHypervisor;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in Debian's headless Chromium against Vireo on a real libvirtd + QEMU: noVNC in
 * the VM's page talks through Vireo's WebSocket proxy to the guest's VNC server and draws its
 * screen. Screenshots in target/console-screenshots/ (vnc-session.png: the guest's screen in the page).
 */
@ExtendWith({RealHypervisor.class, ArquillianExtension.class})
@RunAsClient
class ConsoleVncIT {

    private static final String SERVER = "qemu";
    private static final String DEPLOYMENT = "console-on-qemu";
    private static final String BASE = "http://localhost:" + System.getProperty("vireo.it.qemu.http-port");
    private static final Path WORKDIR = Path.of(System.getProperty("vireo.it.hypervisor-dir"));
    private static final String STATUS = "vnc-status";

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive deployment() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("vireo.it.ear")));
    }

    @Test
    void aSignedInAdminSeesTheGuestsScreenWhileOthersAndReusedTicketsAreRefused() throws IOException {
        // the qemu server is shared with RealHypervisorIT: leave it stopped and empty, as that class expects
        if (!controller.isStarted(SERVER)) {
            controller.start(SERVER);
        }
        deployer.deploy(DEPLOYMENT);
        try (HostFixtures host = new HostFixtures(WORKDIR); Browser browser = Browser.open(BASE)) {
            try {
                String vm = runningVm(host);
                adminSeesTheGuestScreen(browser, vm);
                theAuditorGetsNoConsoleAndCannotSpendAnAdminsTicket(browser, vm);
                aUserWhoMayNotSeeTheVmGetsNoConsole(browser, vm);
                api().post("/api/vms/" + vm + "/poweroff").then().statusCode(200);
                api().delete("/api/vms/" + vm).then().statusCode(204);
            } finally {
                browser.screenshot("aSignedInAdminSeesTheGuestsScreenWhileOthersAndReusedTicketsAreRefused");
            }
        } finally {
            deployer.undeploy(DEPLOYMENT);
            controller.stop(SERVER);
        }
    }

    private void adminSeesTheGuestScreen(Browser browser, String vm) {
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.go("/console/vm.xhtml?name=" + vm);
        browser.awaitText(By.id("vm-state"), "running");
        browser.click("console:open-console");
        browser.awaitText(By.id(STATUS), "Connected to " + vm);

        // noVNC draws the guest's framebuffer at its own size: the size of libvirt's screenshot
        // (SeaBIOS switches from 640 x 480 to its 720 x 400 text mode early; wait until both agree)
        new WebDriverWait(browser.driver, Duration.ofSeconds(60)).pollingEvery(Duration.ofSeconds(1)).until(driver -> {
            Map<String, Object> canvas = canvas(browser);
            BufferedImage screen = guestScreen(vm);
            return number(canvas, "width") == screen.getWidth() && number(canvas, "height") == screen.getHeight()
                    && number(canvas, "colours") > 1;
        });
        Map<String, Object> canvas = canvas(browser);
        BufferedImage screen = guestScreen(vm);
        assertThat(number(canvas, "width")).isEqualTo(screen.getWidth()).isGreaterThanOrEqualTo(640);
        assertThat(number(canvas, "height")).isEqualTo(screen.getHeight()).isGreaterThanOrEqualTo(400);
        assertThat(number(canvas, "colours")).as("the guest's text on its background").isGreaterThan(1);
        browser.script("document.getElementById('vnc-screen').scrollIntoView({block: 'center'})");
        browser.screenshot("vnc-session");

        // opened again while connected: the new session replaces the old one, and Close closes it
        WebElement before = browser.driver.findElement(By.cssSelector("#vnc-screen canvas"));
        browser.click("console:open-console");
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(before));
        browser.awaitText(By.id(STATUS), "Connected to " + vm);
        browser.click("console:close-console");
        browser.awaitText(By.id(STATUS), "Disconnected");

        // the VM's representation holds no password, and the VNC password connect gives is no ticket
        api().get("/api/vms/" + vm).then().statusCode(200).body("graphics", not(hasKey("passwd")));
        JsonPath connected = connect(vm);
        String ticket = connected.getString("console.ticket");
        assertThat(webSocket(browser, vm, connected.getString("graphics.passwd"))).as("the VNC password")
                .isEqualTo("closed 1008");
        // a ticket connect issued to this account opens the page's noVNC once; presented again it is refused
        browser.script("vireoConsole.open(arguments[0], arguments[1], arguments[2], 'vnc-screen', '" + STATUS + "')",
                vm, ticket, connected.getString("graphics.passwd"));
        browser.awaitText(By.id(STATUS), "Connected to " + vm);
        assertThat(webSocket(browser, vm, ticket)).as("the ticket a session just used").isEqualTo("closed 1008");
        assertThat(browser.driver.findElement(By.id(STATUS)).getText()).isEqualTo("Connected to " + vm);
        browser.click("console:close-console");
        browser.awaitText(By.id(STATUS), "Disconnected");
        browser.script("vireoConsole.open(arguments[0], arguments[1], arguments[2], 'vnc-screen', '" + STATUS + "')",
                vm, ticket, connected.getString("graphics.passwd"));
        browser.awaitText(By.id(STATUS), "The console connection was refused or lost");
        browser.screenshot("vnc-reused-ticket");
    }

    /**
     * The auditor sees the VM but may not manage it: connect refuses it, the page offers no console,
     * and an admin's ticket neither opens a console for it nor is spent by its attempt.
     */
    private void theAuditorGetsNoConsoleAndCannotSpendAnAdminsTicket(Browser admin, String vm) {
        String auditor = HostFixtures.unique("vnca").replace("-", "");
        String password = "pw-" + auditor + "-console";
        api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + auditor + "\", \"password\": \"" + password + "\", \"groups\": [\"auditors\"]}")
                .post("/api/users").then().statusCode(201);
        TestAccounts.as(BASE, auditor, password).post("/api/vms/" + vm + "/connect").then().statusCode(403)
                .body("code", equalTo("AUTH0004E"));
        String ticket;
        try (Browser browser = Browser.open(BASE)) {
            browser.signIn(auditor, password);
            browser.awaitText(By.tagName("h1"), "Dashboard");
            browser.go("/console/vm.xhtml?name=" + vm);
            browser.awaitText(By.id("vm-state"), "running");
            assertThat(browser.driver.findElements(By.id("console:open-console"))).isEmpty();
            ticket = connect(vm).getString("console.ticket");
            assertThat(webSocket(browser, vm, ticket)).as("an admin's ticket, presented by the auditor").isEqualTo("closed 1008");
        }
        assertThat(webSocket(admin, vm, ticket)).as("the admin's ticket, still unspent").isEqualTo("data");
        admin.click("menu:sign-out");
        admin.awaitText(By.tagName("body"), "You signed out.");
    }

    private void aUserWhoMayNotSeeTheVmGetsNoConsole(Browser browser, String vm) {
        String user = HostFixtures.unique("vnc").replace("-", "");
        String password = "pw-" + user + "-console";
        api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + user + "\", \"password\": \"" + password + "\", \"groups\": [\"users\"]}")
                .post("/api/users").then().statusCode(201);
        browser.signIn(user, password);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.go("/console/vm.xhtml?name=" + vm);
        browser.awaitText(By.cssSelector(".ui-messages-error"), "Virtual machine " + vm + " does not exist");
        assertThat(browser.driver.findElements(By.id("console:open-console"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("vm-state"))).isEmpty();

        // even holding a valid ticket (an admin's), the user's WebSocket is closed at once
        String ticket = connect(vm).getString("console.ticket");
        assertThat(webSocket(browser, vm, ticket)).as("a user who may not see the VM").isEqualTo("closed 1008");
    }

    /** The admin's connect: the VM with its fresh VNC password and a web console ticket. */
    private static JsonPath connect(String vm) {
        JsonPath connected = api().contentType(ContentType.JSON).body("{\"passwdValidTo\": 60}")
                .post("/api/vms/" + vm + "/connect").then().statusCode(200).extract().jsonPath();
        assertThat(connected.getString("console.websocket"))
                .isEqualTo("/console/vnc/" + vm + "?ticket=" + connected.getString("console.ticket"));
        return connected;
    }

    /** Opens the console's WebSocket from the page, as its signed-in user: "data" when VNC answers, else how it closed. */
    private static Object webSocket(Browser browser, String vm, String ticket) {
        return ((JavascriptExecutor) browser.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host"
                        + " + '/console/vnc/' + encodeURIComponent(arguments[0]) + '?ticket=' + encodeURIComponent(arguments[1]),"
                        + " ['binary']);"
                        + "socket.binaryType = 'arraybuffer';"
                        + "socket.onmessage = () => { done('data'); socket.close(); };"
                        + "socket.onclose = e => done('closed ' + e.code);",
                vm, ticket);
    }

    private static int number(Map<String, Object> values, String key) {
        return ((Number) values.get(key)).intValue();
    }

    private static String runningVm(HostFixtures host) throws IOException {
        String pool = HostFixtures.unique("vnc-pool");
        host.dirPool(pool, true);
        String template = HostFixtures.unique("vnc-tpl");
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"memory\": {\"current\": 64}, \"networks\": [],"
                        + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]}")
                .post("/api/templates").then().statusCode(201);
        String vm = HostFixtures.unique("vnc-vm");
        String task = api().contentType(ContentType.JSON)
                .body("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + vm + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        JsonPath finished = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api().get("/api/tasks/" + task).then().extract().jsonPath(),
                        state -> !"running".equals(state.getString("status")));
        assertThat(finished.getString("status")).as(finished.getString("message")).isEqualTo("finished");
        api().post("/api/vms/" + vm + "/start").then().statusCode(200).body("state", equalTo("running"));
        return vm;
    }

    /** The size of noVNC's canvas and how many colours it shows (counted up to 16). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> canvas(Browser browser) {
        return (Map<String, Object>) browser.script("const canvas = document.querySelector('#vnc-screen canvas');"
                + "if (!canvas || canvas.width === 0) { return {width: 0, height: 0, colours: 0}; }"
                + "const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;"
                + "const colours = new Set();"
                + "for (let i = 0; i < pixels.length && colours.size < 16; i += 4) {"
                + "  colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]); }"
                + "return {width: canvas.width, height: canvas.height, colours: colours.size};");
    }

    /** The guest's screen as libvirt's screenshot sees it. */
    private static BufferedImage guestScreen(String vm) {
        byte[] png = api().accept("image/png").get("/api/vms/" + vm + "/screenshot").then()
                .statusCode(200).extract().asByteArray();
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new AssertionError("the screenshot is no image", e);
        }
    }

    private static RequestSpecification api() {
        return TestAccounts.asAdmin(BASE);
    }
}
