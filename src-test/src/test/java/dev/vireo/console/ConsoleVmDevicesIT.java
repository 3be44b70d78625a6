package dev.vireo.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vireo.TestAccounts;
import dev.vireo.e2e.HostFixtures;
import dev.vireo.e2e.RealHypervisor;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A VM's page in the console: its usage charts of the last hour and its disks and interfaces.
 * Charts and refusals run on libvirt's test driver; attaching and detaching devices on the real
 * hypervisor, since the test driver cannot attach devices at all (virDomainAttachDeviceFlags is
 * not supported there). Each test leaves a screenshot of its last page in target/console-screenshots/.
 */
class ConsoleVmDevicesIT extends ConsoleTestBase {

    @Deployment(testable = false)
    @TargetsContainer("vireo")
    static EnterpriseArchive deployment() {
        return ear();
    }

    @Deployment(name = QEMU_DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(QEMU)
    static EnterpriseArchive qemuDeployment() {
        return ear();
    }

    @Test
    void theChartsOfARunningVmGrowLiveAgreeWithTheApiAndRefusedValuesShowNextToTheirFields() {
        RequestSpecification admin = TestAccounts.asAdmin(BASE);
        String vm = runningVm(BASE, "default-pool", "", "web-" + suffix);
        browser = Browser.open(BASE);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.go("/console/vm.xhtml?name=" + vm);
        browser.awaitText(By.id("vm-state"), "running");

        // the charts fill as the sampler measures, without a reload
        int points = awaitPoints(1);
        List<List<Double>> charts = chartData();
        JsonPath history = admin.get("/api/vms/" + vm + "/stats/history").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        List<String> measures = List.of("cpu_utilization", "mem_utilization", "net_throughput", "io_throughput");
        for (int i = 0; i < measures.size(); i++) {
            List<Double> api = history.getList(measures.get(i), Double.class);
            assertThat(charts.get(i)).as(measures.get(i)).isNotEmpty();
            assertThat(Collections.indexOfSubList(api, charts.get(i)))
                    .as("the chart's %s %s is a run of the API's %s", measures.get(i), charts.get(i), api).isNotNegative();
        }
        assertThat(browser.text()).contains("Usage, last hour", "Disks and CD-ROM drives", "Network interfaces");
        browser.script("window.vireoSamePage = true");
        awaitPoints(points + 1);
        assertThat(browser.script("return window.vireoSamePage === true")).as("no reload").isEqualTo(true);
        browser.script("document.getElementById('vm:usage').scrollIntoView()");
        browser.screenshot("vm-charts");

        // the tables show the VM's disk (its volume, pool and size) and interface
        JsonPath storages = admin.get("/api/vms/" + vm + "/storages").then().statusCode(200)
                .body("[0].pool", equalTo("default-pool")).extract().jsonPath();
        String disk = storages.getString("[0].path");
        browser.awaitText(By.id("devices:storages"), disk);
        assertThat(browser.driver.findElement(By.id("devices:storages")).getText())
                .contains(storages.getString("[0].dev"), "disk", "default-pool", storages.getString("[0].vol"))
                .containsPattern("\\d+\\.\\d (MiB|GiB)");
        String mac = admin.get("/api/vms/" + vm + "/ifaces").then().statusCode(200).extract().path("[0].mac");
        browser.awaitText(By.id("devices:nics"), mac);

        // refusals: the service's message next to the field, and nothing changed
        List<Object> ifaces = admin.get("/api/vms/" + vm + "/ifaces").then().extract().jsonPath().getList("mac");
        browser.type("attach-nic:mac", "52:54:00:zz:00:01");
        browser.click("attach-nic:attach");
        browser.awaitText(By.cssSelector("#attach-nic .ui-message-error"),
                "mac '52:54:00:zz:00:01' is not a MAC address like 52:54:00:12:34:56 (VMS0017E)");
        assertThat(admin.get("/api/vms/" + vm + "/ifaces").then().extract().jsonPath().getList("mac")).isEqualTo(ifaces);

        String volume = "refused-" + suffix + ".qcow2";
        browser.click(By.cssSelector("label[for='attach-disk:kind:0']"));
        browser.await(By.id("attach-disk:name"));
        browser.script("PF('diskPool').selectValue('default-pool')");
        browser.type("attach-disk:name", volume);
        browser.type("attach-disk:capacity_input", "0");
        browser.click("attach-disk:attach");
        browser.awaitText(By.cssSelector("#attach-disk .ui-message-error"), "capacity is a size in bytes, at least 1, not 0");
        admin.get("/api/storagepools/default-pool/storagevolumes/" + volume).then().statusCode(404);
        assertThat(admin.get("/api/vms/" + vm + "/storages").then().extract().jsonPath().getList("dev"))
                .containsExactly(storages.getString("[0].dev"));
        browser.screenshot("vm-devices-refused");

        // an auditor reads the tables and is offered no change
        String auditor = "aud" + suffix;
        String password = "pw-" + suffix + "-auditor";
        admin.contentType(ContentType.JSON)
                .body("{\"name\": \"" + auditor + "\", \"password\": \"" + password + "\", \"groups\": [\"auditors\"]}")
                .post("/api/users").then().statusCode(201);
        browser.click("menu:sign-out");
        browser.awaitText(By.tagName("body"), "You signed out.");
        browser.signIn(auditor, password);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.go("/console/vm.xhtml?name=" + vm);
        browser.awaitText(By.id("devices:storages"), disk);
        browser.awaitText(By.id("devices:nics"), mac);
        assertThat(browser.driver.findElements(By.id("attach-disk"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("attach-nic"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("[title^='detach']"))).isEmpty();
        browser.script("document.getElementById('devices').scrollIntoView()");
        admin.delete("/api/vms/" + vm).then().statusCode(204);
    }

    @Test
    void anAdminAttachesAndDetachesANewDiskAndAnInterfaceOfARunningGuestOnTheRealHypervisor() throws Exception {
        onRealHypervisor(this::attachAndDetachOnTheRealHypervisor);
    }

    private void attachAndDetachOnTheRealHypervisor() throws IOException {
        try (HostFixtures host = new HostFixtures(Path.of(System.getProperty("vireo.it.hypervisor-dir")))) {
            RequestSpecification admin = TestAccounts.asAdmin(QEMU_BASE);
            String pool = HostFixtures.unique("cv-pool");
            Path directory = host.dirPool(pool, true);
            Path iso = host.iso(pool, directory, "tools.iso", "Tools 1.0");
            String network = host.isolatedNetwork(HostFixtures.unique("cv-net"));
            host.startNetwork(network);
            // Debian's defaults: virtio disks, which a running guest takes at once
            String vm = runningVm(QEMU_BASE, pool, ", \"networks\": [], \"os_distro\": \"debian\"", "cv-" + suffix);
            String volume = "data-" + suffix + ".qcow2";
            String mac = "52:54:00:" + suffix.substring(0, 2) + ":" + suffix.substring(2, 4) + ":" + suffix.substring(4, 6);

            browser = Browser.open(QEMU_BASE);
            browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
            browser.awaitText(By.tagName("h1"), "Dashboard");
            browser.go("/console/vm.xhtml?name=" + vm);
            browser.awaitText(By.id("vm-state"), "running");

            // a new 1 GiB volume: its creation is a task the page follows, then the volume is attached
            browser.click(By.cssSelector("label[for='attach-disk:kind:0']"));
            browser.await(By.id("attach-disk:name"));
            browser.script("PF('diskPool').selectValue('" + pool + "')");
            browser.type("attach-disk:name", volume);
            browser.type("attach-disk:capacity_input", "1");
            browser.click("attach-disk:attach");
            awaitMessage("Attached disk vdb");
            browser.awaitText(By.id("devices:storages"), volume);
            admin.get("/api/vms/" + vm + "/storages/vdb").then().statusCode(200)
                    .body("pool", equalTo(pool)).body("vol", equalTo(volume)).body("capacity", equalTo(1 << 30));
            assertThat(RealHypervisor.virsh("domblklist", vm)).contains("vdb");

            // an interface with a chosen MAC on the network
            browser.script("PF('nicNetwork').selectValue('" + network + "')");
            browser.script("PF('nicModel').selectValue('virtio')");
            browser.type("attach-nic:mac", mac.toUpperCase());
            browser.click("attach-nic:attach");
            awaitMessage("Attached interface " + mac + " on " + network);
            browser.awaitText(By.id("devices:nics"), mac);
            admin.get("/api/vms/" + vm + "/ifaces/" + mac).then().statusCode(200)
                    .body("network", equalTo(network)).body("model", equalTo("virtio"));
            assertThat(RealHypervisor.virsh("domiflist", vm)).contains(mac);
            // a CD-ROM drive: IDE is not hot-pluggable, so it waits for the next start, and the page says so
            browser.click(By.cssSelector("label[for='attach-disk:kind:2']"));
            browser.type("attach-disk:path", iso.toString());
            browser.click("attach-disk:attach");
            awaitMessage("Attached cdrom hda; applies at the next start");
            assertThat(RealHypervisor.virsh("domblklist", vm, "--inactive")).contains("hda").contains(iso.toString());
            browser.script("document.getElementById('devices').scrollIntoView()");
            browser.screenshot("vm-devices");

            // the disk and the interface detached after a confirmation, from the definition at once (the volume stays)
            browser.click(By.cssSelector("[title='detach vdb']"));
            browser.click(By.cssSelector("[id$='confirm-yes']"));
            awaitMessage("Detached vdb");
            assertThat(RealHypervisor.virsh("domblklist", vm, "--inactive")).doesNotContain("vdb");
            admin.get("/api/storagepools/" + pool + "/storagevolumes/" + volume).then().statusCode(200);
            browser.click(By.cssSelector("[title='detach " + mac + "']"));
            browser.click(By.cssSelector("[id$='confirm-yes']"));
            awaitMessage("Detached interface " + mac);
            assertThat(RealHypervisor.virsh("domiflist", vm, "--inactive")).doesNotContain(mac);

            // a guest without an OS never acknowledges a hot unplug: the running guest keeps both until it stops.
            // Powered off elsewhere, its page shows its definition without a reload: no vdb, no interface, the CD-ROM
            admin.post("/api/vms/" + vm + "/poweroff").then().statusCode(200);
            assertThat(admin.get("/api/vms/" + vm + "/storages").then().extract().jsonPath().getList("dev"))
                    .containsExactly("vda", "hda");
            admin.get("/api/vms/" + vm + "/ifaces/" + mac).then().statusCode(404);
            new WebDriverWait(browser.driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class).until(driver ->
                    driver.findElement(By.id("devices:storages")).getText().contains(iso.toString())
                            && !driver.findElement(By.id("devices:storages")).getText().contains(volume)
                            && !driver.findElement(By.id("devices:nics")).getText().contains(mac));

            // the CD-ROM drive detached from the stopped guest
            browser.click(By.cssSelector("[title='detach hda']"));
            browser.click(By.cssSelector("[id$='confirm-yes']"));
            awaitMessage("Detached hda");
            assertThat(admin.get("/api/vms/" + vm + "/storages").then().extract().jsonPath().getList("dev"))
                    .containsExactly("vda");
            assertThat(browser.driver.findElements(ERRORS)).isEmpty();

            admin.delete("/api/vms/" + vm).then().statusCode(204);
        }
    }

    /** A VM made from a new template with one 1 GiB disk in {@code pool}, started. */
    private static String runningVm(String base, String pool, String moreTemplateFields, String vm) {
        RequestSpecification admin = TestAccounts.asAdmin(base);
        String template = "tpl-" + vm;
        admin.contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                        + " \"memory\": {\"current\": 64}, \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]"
                        + moreTemplateFields + "}")
                .post("/api/templates").then().statusCode(201);
        String task = TestAccounts.asAdmin(base).contentType(ContentType.JSON)
                .body("{\"name\": \"" + vm + "\", \"template\": \"/api/templates/" + template + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                !"running".equals(TestAccounts.asAdmin(base).get("/api/tasks/" + task).then().extract().path("status")));
        TestAccounts.asAdmin(base).get("/api/tasks/" + task).then().body("status", equalTo("finished"));
        TestAccounts.asAdmin(base).post("/api/vms/" + vm + "/start").then().log().ifValidationFails().statusCode(200);
        return vm;
    }

    /** Waits for the page message {@code expected}, or fails with the error the page shows instead. */
    private void awaitMessage(String expected) {
        // the messages are redrawn by every answer the page gets: a stale read is read again
        String shown = new WebDriverWait(browser.driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(driver -> {
                    String text = driver.findElement(By.id("messages")).getText();
                    return text.contains(expected) || !driver.findElements(ERRORS).isEmpty() ? text : null;
                });
        assertThat(shown).contains(expected);
    }

    /** Waits until the CPU chart holds at least {@code points} points (the page's poll redraws it); returns how many. */
    private int awaitPoints(int points) {
        String count = "var w = window.PF && PF('percentChart'); return w && w.chart ? w.chart.data.datasets[0].data.length : 0;";
        new WebDriverWait(browser.driver, Duration.ofSeconds(60)).until(driver ->
                ((Number) browser.script(count)).intValue() >= points);
        return ((Number) browser.script(count)).intValue();
    }

    /** CPU %, memory %, network and disk KiB/s as the two charts show them, read at once. */
    @SuppressWarnings("unchecked")
    private List<List<Double>> chartData() {
        List<List<?>> series = (List<List<?>>) browser.script("var p = PF('percentChart').chart.data.datasets,"
                + " t = PF('throughputChart').chart.data.datasets; return [p[0].data, p[1].data, t[0].data, t[1].data];");
        return series.stream().map(values -> values.stream().map(value -> ((Number) value).doubleValue()).toList()).toList();
    }
}
