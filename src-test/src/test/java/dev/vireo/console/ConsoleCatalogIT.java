package dev.vireo.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vireo.TestAccounts;
import dev.vireo.e2e.HostFixtures;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's catalog pages in Debian's headless Chromium: editing templates, networks and
 * storage pools, and uploading a file into a volume. On libvirt's test driver, except the upload
 * whose bytes are checked: that driver has no volume streams, so that one runs on the real
 * libvirtd + QEMU of the end-to-end tests (skipped with the reason where it cannot run).
 * Each test leaves a screenshot of its last page in target/console-screenshots/.
 */
class ConsoleCatalogIT extends ConsoleTestBase {

    @Deployment(name = "vireo", testable = false)
    @TargetsContainer("vireo")
    static EnterpriseArchive deployment() {
        return ear();
    }

    @Deployment(name = QEMU_DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(QEMU)
    static EnterpriseArchive deploymentOnQemu() {
        return ear();
    }

    @Test
    void anAdminEditsATemplateSeeingRefusalsNextToTheirFieldsAndAStaleEditRefused() {
        String template = "cat-" + suffix;
        String renamed = "cat-renamed-" + suffix;
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"memory\": {\"current\": 512}, \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        browser = Browser.open(BASE);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.go("/console/templates.xhtml");

        // the form opens filled from the template
        browser.click(rowButton("templates", template, "edit"));
        browser.awaitText(By.id("edit-template"), "Memory");
        assertThat(browser.await(By.id("edit-template:name")).getAttribute("value")).isEqualTo(template);
        assertThat(browser.await(By.id("edit-template:memory_input")).getAttribute("value")).isEqualTo("512");

        // refusals of the service, next to their fields; nothing changes
        browser.type("edit-template:memory_input", "2048");
        browser.type("edit-template:maxmemory_input", "1024");
        browser.click("edit-template:save");
        browser.awaitText(By.cssSelector("#edit-template .ui-message-error"), "maxmemory (1024 MiB) is below current");
        assertThat(browser.driver.findElement(By.id("edit-template:memory")).findElement(By.xpath("../following-sibling::*[1]"))
                .getText()).as("the message right after the memory fields").contains("TMPL0007E");
        browser.screenshot("template-edit");
        browser.type("edit-template:maxmemory_input", "2048");
        browser.type("edit-template:networks", "default, no-such-net");
        browser.click("edit-template:save");
        browser.awaitText(By.cssSelector("#edit-template .ui-message-error"), "Network no-such-net does not exist");
        admin().get("/api/templates/" + template).then().statusCode(200).body("memory.current", equalTo(512))
                .body("networks", equalTo(List.of("default")));

        // an accepted change, renamed
        browser.type("edit-template:networks", "default");
        browser.type("edit-template:name", renamed);
        browser.type("edit-template:os_distro", "debian");
        browser.type("edit-template:cpu_info_input", "2");
        browser.type("edit-template:maxvcpus_input", "4");
        browser.click("edit-template:save");
        browser.awaitText(INFOS, "Template " + renamed + " saved");
        browser.awaitText(By.id("templates:table"), renamed);
        admin().get("/api/templates/" + renamed).then().statusCode(200)
                .body("memory.current", equalTo(2048)).body("memory.maxmemory", equalTo(2048))
                .body("os_distro", equalTo("debian")).body("cpu_info.vcpus", equalTo(2)).body("cpu_info.maxvcpus", equalTo(4))
                .body("networks", equalTo(List.of("default"))).body("disks[0].size", equalTo(1));
        admin().get("/api/templates/" + template).then().statusCode(404);

        // a change made elsewhere while the form is open: the console's save is refused, not written over it
        browser.click(rowButton("templates", renamed, "edit"));
        browser.awaitText(By.id("edit-template"), "Memory");
        admin().contentType(ContentType.JSON).body("{\"memory\": {\"current\": 1024}}").put("/api/templates/" + renamed)
                .then().statusCode(200);
        browser.type("edit-template:os_distro", "fedora");
        browser.click("edit-template:save");
        browser.awaitText(By.cssSelector("#edit-template .ui-messages-error"), "changed since you read it");
        admin().get("/api/templates/" + renamed).then().body("memory.current", equalTo(1024))
                .body("os_distro", equalTo("debian"));
    }

    @Test
    void anAdminEditsANetworkOnceItIsInactive() {
        String network = "catnet-" + suffix;
        String renamed = "catnet2-" + suffix;
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + network + "\", \"connection\": \"isolated\","
                + " \"subnet\": \"192.168.237.0/24\"}").post("/api/networks").then().statusCode(201);
        admin().get("/api/networks/" + network).then().body("state", equalTo("active"));
        browser = Browser.open(BASE);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.go("/console/networks.xhtml");

        // an active network keeps its settings: the service says so
        browser.click(rowButton("networks", network, "edit"));
        browser.awaitText(By.id("edit-connection"), "isolated, active");
        assertThat(browser.await(By.id("edit-network:subnet")).getAttribute("value")).isEqualTo("192.168.237.0/24");
        browser.type("edit-network:name", renamed);
        browser.click("edit-network:save");
        browser.awaitText(By.cssSelector("#edit-network .ui-messages-error"), "is active: deactivate it first");
        browser.screenshot("network-edit");
        admin().get("/api/networks/" + network).then().statusCode(200);

        // a refused subnet shows next to its field
        browser.click(By.cssSelector("#edit-network .ui-button-secondary"));
        browser.click(rowButton("networks", network, "deactivate"));
        browser.awaitText(INFOS, "Network " + network + " deactivated");
        browser.click(rowButton("networks", network, "edit"));
        browser.awaitText(By.id("edit-connection"), "isolated, inactive");
        browser.type("edit-network:subnet", "192.168.238.0/33");
        browser.click("edit-network:save");
        browser.awaitText(By.cssSelector("#edit-network .ui-message-error"), "192.168.238.0/33");

        // a template's network keeps its name
        String template = "catnet-tpl-" + suffix;
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"networks\": [\"" + network + "\"], \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
        browser.type("edit-network:name", renamed);
        browser.type("edit-network:subnet", "192.168.238.0/24");
        browser.click("edit-network:save");
        browser.awaitText(By.cssSelector("#edit-network .ui-messages-error"), "templates " + template
                + ", whose VMs would have no network: it cannot be renamed");
        admin().get("/api/networks/" + network).then().statusCode(200).body("subnet", equalTo("192.168.237.0/24"));
        admin().delete("/api/templates/" + template).then().statusCode(204);

        browser.click("edit-network:save");
        browser.awaitText(INFOS, "Network " + renamed + " saved");
        browser.awaitText(By.id("networks:table"), renamed);
        admin().get("/api/networks/" + renamed).then().statusCode(200).body("subnet", equalTo("192.168.238.0/24"))
                .body("dhcp.start", equalTo("192.168.238.2")).body("state", equalTo("inactive"));
        admin().get("/api/networks/" + network).then().statusCode(404);
        admin().delete("/api/networks/" + renamed).then().statusCode(204);
    }

    @Test
    void anAdminRegistersAHostSeesItConnectDisablesAndRemovesIt() throws IOException {
        String host = "cathost-" + suffix;
        String uri = new dev.vireo.it.TestDriverHost().domain("cathost-vm-" + suffix, 256, 1)
                .writeTo(Files.createTempDirectory("vireo-console-host-").resolve("host.xml"));
        browser = Browser.open(BASE);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.go("/console/hosts.xhtml");
        browser.awaitText(By.xpath(row("hosts", "local (default)")), "connected");

        // a URI libvirt must not be given is refused next to its field
        browser.click(By.cssSelector("#new-host .ui-panel-titlebar-icon"));
        browser.awaitStill();
        browser.type("new-host:name", host);
        browser.type("new-host:uri", "qemu+ext:///system?command=/bin/sh");
        browser.click("new-host:register");
        browser.awaitText(By.cssSelector("#new-host .ui-message-error"), "ZONE0004E");
        admin().get("/api/hosts/" + host).then().statusCode(404);

        browser.type("new-host:uri", uri);
        browser.click("new-host:register");
        browser.awaitText(INFOS, "Host " + host + " registered in compute pool default");
        // the monitor connects it within its 15 s round
        new WebDriverWait(browser.driver, Duration.ofSeconds(40)).until(driver ->
                driver.findElement(By.xpath(row("hosts", host))).getText().contains("connected")
                        && !driver.findElement(By.xpath(row("hosts", host))).getText().contains("not connected"));
        // its usage bars, from what the monitor read: one running 256 MiB, 1-vCPU domain on 8 GiB and 4 CPUs
        new WebDriverWait(browser.driver, Duration.ofSeconds(40)).until(driver -> {
            String text = driver.findElement(By.xpath(row("hosts", host))).getText();
            return text.contains("Memory: 256 of 8,192 MiB") && text.contains("CPU: 1 vCPUs on 4 CPUs");
        });
        assertThat(browser.driver.findElements(By.xpath(row("hosts", host)
                + "//div[contains(concat(' ', normalize-space(@class), ' '), ' ui-progressbar ')]")))
                .hasSize(3);
        browser.screenshot("hosts");

        // its VM, shut off, migrates to another host of the zone from the VM page, and back by the API
        String vm = "cathost-vm-" + suffix;
        admin().post("/api/vms/" + vm + "/poweroff").then().statusCode(200);
        browser.go("/console/vm.xhtml?name=" + vm);
        browser.click(By.cssSelector("#migrate-to-cell .ui-panel-titlebar-icon"));
        browser.awaitStill();
        browser.click(By.id("migrate-to-cell:cell"));
        browser.click(By.cssSelector("[id='migrate-to-cell:cell_items'] li[data-label='local']"));
        browser.click("migrate-to-cell:migrate-cell");
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(INFOS, "cold migration of " + vm + " from " + host + " to local done");
        browser.screenshot("vm-migrated");
        admin().get("/api/vms/" + vm).then().body("host", equalTo("local"));
        awaitTask(BASE, admin().contentType(ContentType.JSON).body("{\"host\": \"" + host + "\"}")
                .post("/api/vms/" + vm + "/migrate").then().statusCode(202).extract().path("id"));
        admin().post("/api/vms/" + vm + "/start").then().statusCode(200).body("host", equalTo(host));
        browser.go("/console/hosts.xhtml");

        browser.click(rowButton("hosts", host, "disable"));
        browser.awaitText(INFOS, "Host " + host + " disabled");
        browser.awaitText(By.xpath(row("hosts", host)), "not taken (disabled)");
        admin().get("/api/hosts/" + host).then().body("enabled", equalTo(false));

        // evacuation is a task the page follows: the test driver cannot move the running VM, and says so
        browser.click(rowButton("hosts", host, "evacuate"));
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(ERRORS, "ZONE0028E: evacuation of host " + host + ": 0 of 1 virtual machines moved; cathost-vm-"
                + suffix + ": not moved, ZONE0021E");
        browser.screenshot("hosts-evacuated");
        admin().get("/api/vms/cathost-vm-" + suffix).then().body("host", equalTo(host));

        browser.click(rowButton("hosts", host, "remove"));
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(INFOS, "Host " + host + " removed");
        admin().get("/api/hosts/" + host).then().statusCode(404);
    }

    @Test
    void anAdminChangesWhetherAPoolStartsWithTheHost() {
        String pool = "catpool-" + suffix;
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + pool + "\", \"type\": \"dir\", \"path\": \"/srv/"
                + pool + "\"}").post("/api/storagepools").then().statusCode(201);
        admin().get("/api/storagepools/" + pool).then().body("autostart", equalTo(true));
        browser = Browser.open(BASE);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.go("/console/storage.xhtml");

        browser.click(rowButton("pools", pool, "edit"));
        browser.awaitText(By.id("edit-pool-name"), pool + " (dir, active)");
        assertThat(browser.driver.findElements(By.id("edit-pool:disks"))).as("a dir pool takes no disks").isEmpty();
        assertThat(browser.await(By.id("edit-pool:autostart")).getAttribute("class")).contains("ui-toggleswitch-checked");
        browser.click(By.cssSelector("#edit-pool\\:autostart .ui-toggleswitch-slider"));
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(driver ->
                !driver.findElement(By.id("edit-pool:autostart")).getAttribute("class").contains("ui-toggleswitch-checked"));
        browser.screenshot("pool-edit");
        browser.click("edit-pool:save");
        browser.awaitText(INFOS, "Storage pool " + pool + " saved");
        admin().get("/api/storagepools/" + pool).then().body("autostart", equalTo(false));
        browser.awaitText(By.xpath(row("pools", pool)), "no");
        admin().delete("/api/storagepools/" + pool).then().statusCode(204);
    }

    @Test
    void anUploadRefusedByTheHostLeavesNoHalfVolumeAndBadNamesShowNextToTheField() throws IOException {
        String taken = "taken-" + suffix + ".img";
        String volume = "up-" + suffix + ".img";
        String volumes = "/api/storagepools/default-pool/storagevolumes";
        String task = admin().contentType(ContentType.JSON).body("{\"name\": \"" + taken + "\", \"capacity\": 1024, \"format\": \"raw\"}")
                .post(volumes).then().statusCode(202).extract().path("id");
        awaitTask(BASE, task);
        Path file = randomFile(3);
        browser = Browser.open(BASE);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.go("/console/storage.xhtml");
        browser.click(By.linkText("default-pool"));
        browser.await(By.id("upload-volume:name"));
        chooseFile(file);

        browser.type("upload-volume:name", taken);
        clickUpload();
        browser.awaitText(By.cssSelector("#upload-volume .ui-message-error"), "already has a volume " + taken);
        browser.type("upload-volume:name", "bad name!");
        clickUpload();
        browser.awaitText(By.cssSelector("#upload-volume .ui-message-error"), "bad name!");

        // the volume is made, the first chunk reaches libvirt, whose test driver cannot stream: the volume goes again
        browser.type("upload-volume:name", volume);
        clickUpload();
        browser.awaitText(ERRORS, "virStorageVolUpload");
        assertThat(browser.driver.findElement(ERRORS).getText()).contains("HOST0002E");
        browser.screenshot("volume-upload-refused");
        admin().get(volumes + "/" + volume).then().statusCode(404);
        admin().delete(volumes + "/" + taken).then().statusCode(204);
    }

    /** On a real hypervisor: the bytes chosen in the browser are the volume's, and the progress moved chunk by chunk. */
    @Test
    void aFileUploadedInChunksBecomesAVolumeWithTheSameBytes() throws Exception {
        onRealHypervisor(this::uploadOnTheRealHypervisor);
    }

    private void uploadOnTheRealHypervisor() throws Exception {
        try (HostFixtures host = new HostFixtures(Path.of(System.getProperty("vireo.it.hypervisor-dir")))) {
            String pool = HostFixtures.unique("console-up");
            host.dirPool(pool, true);
            String volume = "upload-" + suffix + ".img";
            Path file = randomFile(5);
            byte[] bytes = Files.readAllBytes(file);
            browser = Browser.open(QEMU_BASE);
            browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
            browser.awaitText(By.tagName("h1"), "Dashboard");
            browser.go("/console/storage.xhtml");
            browser.click(By.linkText(pool));
            browser.await(By.id("upload-volume:name"));
            chooseFile(file);
            browser.type("upload-volume:name", volume);
            browser.script("document.getElementById('upload-volume').scrollIntoView()");
            browser.screenshot("volume-upload-chosen");
            // what the upload widget's progress bar is fed, recorded as it happens
            browser.script("window.vireoProgress = []; $(PF('volumeUpload').jq).on('fileuploadprogress',"
                    + " function (e, data) { window.vireoProgress.push(data.loaded); });");
            clickUpload();
            browser.awaitText(INFOS, "Uploaded " + bytes.length + " bytes into volume " + volume);
            browser.awaitText(By.id("volumes:table"), volume);
            browser.screenshot("volume-upload");

            @SuppressWarnings("unchecked")
            List<Number> progress = (List<Number>) browser.script("return window.vireoProgress;");
            assertThat(progress.stream().map(Number::longValue).filter(loaded -> loaded > 0 && loaded < bytes.length))
                    .as("progress reported before the end (5 MiB in chunks of 2 MiB)").isNotEmpty();
            assertThat(progress.get(progress.size() - 1).longValue()).isEqualTo(bytes.length);
            // each chunk went into the volume on its own, as it arrived: 2 + 2 + 1 MiB
            List<String> chunks = admin(QEMU_BASE).get("/api/logs?limit=100").then().statusCode(200).extract()
                    .path("findAll { it.action == 'storagevolume.upload' && it.target == '" + pool + "/" + volume + "' }.result");
            assertThat(chunks).containsExactly("ok", "ok", "ok");
            admin(QEMU_BASE).get("/api/storagepools/" + pool + "/storagevolumes/" + volume).then().statusCode(200)
                    .body("capacity", equalTo(bytes.length)).body("upload", org.hamcrest.Matchers.nullValue());
            byte[] content = admin(QEMU_BASE).accept(ContentType.BINARY)
                    .get("/api/storagepools/" + pool + "/storagevolumes/" + volume + "/content").then().statusCode(200)
                    .extract().asByteArray();
            assertThat(content).as("the volume's content").isEqualTo(bytes);
            admin(QEMU_BASE).delete("/api/storagepools/" + pool + "/storagevolumes/" + volume).then().statusCode(204);
        }
    }

    private void chooseFile(Path file) {
        browser.driver.findElement(By.cssSelector("#upload-volume\\:file input[type=file]")).sendKeys(file.toString());
        browser.awaitText(By.id("upload-volume:file"), file.getFileName().toString());
    }

    private void clickUpload() {
        browser.click(By.cssSelector("#upload-volume\\:file .ui-fileupload-upload"));
    }

    private static Path randomFile(int mib) throws IOException {
        Path directory = Files.createDirectories(Path.of("target", "console-uploads"));
        byte[] bytes = new byte[mib << 20];
        new Random(mib).nextBytes(bytes);
        return Files.write(directory.resolve("upload-" + mib + "mib.img"), bytes).toAbsolutePath();
    }

    private static String row(String form, String name) {
        return "//*[@id='" + form + ":table']//tr[td[normalize-space()='" + name + "']]";
    }

    /** A row's button, by the row's name (first column) and the button's id. */
    private static By rowButton(String form, String name, String button) {
        return By.xpath(row(form, name) + "//*[substring(@id, string-length(@id) - " + button.length() + ") = ':" + button + "']");
    }

    private static void awaitTask(String base, String id) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                !"running".equals(admin(base).get("/api/tasks/" + id).then().extract().path("status")));
        admin(base).get("/api/tasks/" + id).then().body("status", equalTo("finished"));
    }

    private static RequestSpecification admin(String base) {
        return TestAccounts.asAdmin(base);
    }
}
