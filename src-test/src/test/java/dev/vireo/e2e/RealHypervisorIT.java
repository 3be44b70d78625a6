package dev.vireo.e2e;

import static dev.vireo.e2e.RealHypervisor.BASE;
import static dev.vireo.e2e.RealHypervisor.SERVER;
import static dev.vireo.e2e.RealHypervisor.WORKDIR;
import static dev.vireo.e2e.RealHypervisor.api;
import dev.vireo.TestAccounts;
import static dev.vireo.e2e.RealHypervisor.virsh;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Vireo on a real libvirtd + QEMU: what the REST API says is checked against the host itself
 * (virsh, the QEMU process, the VNC port).
 */
class RealHypervisorIT extends VireoOnQemu {

    private static final String DEPLOYMENT = "vireo-on-qemu";
    private static final String MANAGEMENT = "http://localhost:" + System.getProperty("vireo.it.qemu.management-port");

    private String vm;
    private Path definition;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive deployment() {
        return RealHypervisor.vireo();
    }

    @BeforeEach
    void aTinyGuest() throws IOException {
        vm = "vireo-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        definition = Files.createTempFile("vireo-e2e", ".xml");
        try (InputStream template = getClass().getResourceAsStream("/e2e/tiny-domain.xml")) {
            String xml = new String(template.readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(definition, xml.replace("<name>NAME</name>", "<name>" + vm + "</name>"));
        }
        virsh("define", definition.toString());
    }

    @AfterEach
    void removeTheGuest() throws IOException {
        if (virsh("domstate", vm).equals("running") || virsh("domstate", vm).equals("paused")) {
            virsh("destroy", vm);
        }
        virsh("undefine", vm);
        Files.deleteIfExists(definition);
    }

    @Test
    void isReadyAndReportsWhatThisQemuSupports() {
        given().baseUri(MANAGEMENT).get("/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'libvirt' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'libvirt' }.data.uri", equalTo(RealHypervisor.uri()));

        boolean spice = virsh("domcapabilities", "--virttype", "qemu").contains("<value>spice</value>");
        List<String> protocols = api().get("/api/config/capabilities").then().log().ifValidationFails()
                .statusCode(200)
                .body("qemu_spice", equalTo(spice))
                // a QEMU of 2.1 or later under libvirt 1.2.14 or later, as every supported Debian has
                .body("mem_hotplug_support", equalTo(true))
                .body("libvirtd_running", equalTo(true))
                .body("kernel_vfio", equalTo(!virsh("nodedev-list", "--cap", "pci").isBlank()
                        && java.nio.file.Files.isDirectory(java.nio.file.Path.of("/sys/kernel/iommu_groups"))
                        && new java.io.File("/sys/kernel/iommu_groups").list().length > 0))
                .extract().path("libvirt_stream_protocols");
        assertThat(protocols).contains("http", "https").isSubsetOf("http", "https", "ftp", "ftps", "tftp");
        assertThat(virsh("list", "--all", "--name")).doesNotContain("vireo-probe");
    }

    @Test
    void drivesARealGuestThroughItsLifecycle() throws IOException {
        awaitListed();
        api().get("/api/vms/" + vm).then()
                .statusCode(200)
                .body("state", equalTo("shutoff"))
                .body("memory.current", equalTo(64))
                .body("cpu_info.vcpus", equalTo(1))
                .body("graphics.type", equalTo("vnc"));

        int port = api().post("/api/vms/" + vm + "/start").then()
                .statusCode(200)
                .body("state", equalTo("running"))
                .extract().path("graphics.port");
        assertThat(virsh("domstate", vm)).isEqualTo("running");
        assertThat(qemuRuns()).as("the QEMU process of %s", vm).isTrue();
        assertThat(vncGreeting(port)).startsWith("RFB 003.008");

        // QEMU's VGA starts at 640 x 480 until SeaBIOS switches to its 720 x 400 text mode; the
        // screenshot is cached 2 s, so polling sees the switch.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            byte[] png = api().accept("image/png").get("/api/vms/" + vm + "/screenshot").then()
                    .statusCode(200).contentType("image/png").extract().asByteArray();
            java.awt.image.BufferedImage screen = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
            assertThat(screen).as("a decodable PNG").isNotNull();
            assertThat(screen.getWidth()).as("SeaBIOS draws 720 x 400 in text mode").isEqualTo(720);
            assertThat(screen.getHeight()).isEqualTo(400);
        });

        api().post("/api/vms/" + vm + "/suspend").then().statusCode(200).body("state", equalTo("paused"));
        assertThat(virsh("domstate", vm)).isEqualTo("paused");
        api().post("/api/vms/" + vm + "/suspend").then().statusCode(409).body("code", equalTo("VMS0005E"));
        api().post("/api/vms/" + vm + "/resume").then().statusCode(200).body("state", equalTo("running"));
        assertThat(virsh("domstate", vm)).isEqualTo("running");

        api().post("/api/vms/" + vm + "/poweroff").then().statusCode(200).body("state", equalTo("shutoff"));
        assertThat(virsh("domstate", vm)).isEqualTo("shut off");
        assertThat(qemuRuns()).isFalse();
        api().post("/api/vms/" + vm + "/resume").then().statusCode(409).body("code", equalTo("VMS0005E"));
    }

    /** Issue 13: concurrent starts and power-offs of one guest once answered 500 (QEMU's own state lock). */
    @Test
    void conflictingStartsAndPoweroffsOfARealGuestAnswerWithoutAServerError() throws Exception {
        awaitListed();
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<io.restassured.response.Response>> sent = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String action = i % 2 == 0 ? "start" : "poweroff";
                sent.add(clients.submit(() -> {
                    gate.await();
                    return api().post("/api/vms/" + vm + "/" + action);
                }));
            }
            gate.countDown();
            for (Future<io.restassured.response.Response> answer : sent) {
                io.restassured.response.Response response = answer.get(3, TimeUnit.MINUTES);
                assertThat(response.statusCode()).as(response.asString()).isIn(200, 409);
                if (response.statusCode() == 409) {
                    assertThat(response.jsonPath().getString("code")).isIn("VMS0005E", "HOST0003E", "LOCK0001E");
                }
            }
        } finally {
            clients.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String state = virsh("domstate", vm);
            api().get("/api/vms/" + vm).then().statusCode(200)
                    .body("state", equalTo(state.equals("shut off") ? "shutoff" : state));
        });
    }

    @Test
    void measuresWhatARunningGuestUses() {
        api().post("/api/vms/" + vm + "/start").then().statusCode(200);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> api().get("/api/vms/" + vm).then()
                .body("stats.cpu_utilization", org.hamcrest.Matchers.greaterThan(0f)));
        api().get("/api/vms/" + vm).then()
                .body("stats.cpu_utilization", org.hamcrest.Matchers.lessThanOrEqualTo(100f))
                .body("stats.mem_utilization", org.hamcrest.Matchers.lessThanOrEqualTo(100f));
    }

    @Test
    void theWebConsoleProxiesTheVncServerToATicketHolderOnly() throws Exception {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            // a VM Vireo made: its VNC server asks for a password, which connect sets live
            String pool = HostFixtures.unique("e2e-pool");
            host.dirPool(pool, true);
            String template = template("{\"source_media\": {\"type\": \"netboot\"}, "
                    + "\"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]");
            String guest = HostFixtures.unique("e2e-vm");
            createVm(template, guest);
            api().post("/api/vms/" + guest + "/start").then().statusCode(200).body("state", equalTo("running"));
            webConsoleRefusesAllButOneTicketHolder(guest);
            api().delete("/api/vms/" + guest).then().statusCode(204);
        }
    }

    private void webConsoleRefusesAllButOneTicketHolder(String vm) throws Exception {
        JsonPath connected = api().contentType(ContentType.JSON).body("{\"passwdValidTo\": 60}")
                .post("/api/vms/" + vm + "/connect").then().statusCode(200).extract().jsonPath();
        String ticket = connected.getString("console.ticket");
        assertThat(ticket).isNotEqualTo(connected.getString("graphics.passwd"));
        assertThat(webConsole(vm, connected.getString("graphics.passwd"), TestAccounts.adminAuthorization()))
                .as("the VNC password is no ticket").startsWith("refused");

        assertThat(webConsole(vm, null, TestAccounts.adminAuthorization())).as("no ticket").startsWith("refused");
        assertThat(webConsole(vm, "wrong-ticket", TestAccounts.adminAuthorization())).as("a wrong ticket").startsWith("refused");

        // a user without access to the VM: refused, and the ticket stays unused
        String user = "e2e-u" + UUID.randomUUID().toString().substring(0, 6);
        String password = "pw-" + user + "-9";
        api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + user + "\", \"password\": \"" + password + "\", \"groups\": [\"users\"]}")
                .post("/api/users").then().statusCode(201);
        String userAuthorization = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        assertThat(webConsole(vm, ticket, userAuthorization)).as("a user who may not see the VM").startsWith("refused");
        assertThat(webConsole(vm, ticket, null)).as("nobody signed in").startsWith("refused");
        // the auditor sees the VM but may not manage it: neither its own ticket nor the admin's
        String auditor = "e2e-a" + UUID.randomUUID().toString().substring(0, 6);
        api().contentType(ContentType.JSON)
                .body("{\"name\": \"" + auditor + "\", \"password\": \"" + password + "\", \"groups\": [\"auditors\"]}")
                .post("/api/users").then().statusCode(201);
        given().baseUri(BASE).auth().preemptive().basic(auditor, password).post("/api/vms/" + vm + "/connect").then()
                .statusCode(403);
        String auditorAuthorization = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((auditor + ":" + password).getBytes(StandardCharsets.UTF_8));
        assertThat(webConsole(vm, ticket, auditorAuthorization)).as("another account's ticket").startsWith("refused");

        assertThat(webConsole(vm, ticket, TestAccounts.adminAuthorization())).as("the VNC server's greeting")
                .startsWith("RFB 003.008");
        assertThat(webConsole(vm, ticket, TestAccounts.adminAuthorization())).as("a ticket works once").startsWith("refused");
    }

    /**
     * Opens the web console's WebSocket and answers the first bytes the proxy sends (as text), or
     * "refused: …" when the handshake fails or the proxy closes the connection.
     */
    private static String webConsole(String vm, String ticket, String authorization) throws Exception {
        java.util.concurrent.CompletableFuture<String> first = new java.util.concurrent.CompletableFuture<>();
        java.net.http.WebSocket.Listener listener = new java.net.http.WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onBinary(java.net.http.WebSocket socket, java.nio.ByteBuffer data,
                                                                   boolean last) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                first.complete(new String(bytes, StandardCharsets.US_ASCII));
                return null;
            }

            @Override
            public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket socket, int code, String reason) {
                first.complete("refused: closed " + code + " " + reason);
                return null;
            }

            @Override
            public void onError(java.net.http.WebSocket socket, Throwable error) {
                first.complete("refused: " + error);
            }
        };
        java.net.http.WebSocket.Builder builder = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("binary").connectTimeout(Duration.ofSeconds(10));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        String uri = BASE.replace("http:", "ws:") + "/console/vnc/" + vm + (ticket == null ? "" : "?ticket=" + ticket);
        java.net.http.WebSocket socket;
        try {
            socket = builder.buildAsync(java.net.URI.create(uri), listener).get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException handshake) {
            return "refused: " + handshake.getCause();
        }
        try {
            return first.get(15, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            socket.abort();
        }
    }

    @Test
    void keepsConsolesClosedUntilAPasswordIsSetAndSetsItLive() throws IOException {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String pool = HostFixtures.unique("e2e-pool");
            host.dirPool(pool, true);
            String template = template("{\"source_media\": {\"type\": \"netboot\"}, "
                    + "\"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]");
            String guest = HostFixtures.unique("e2e-vm");
            createVm(template, guest);
            int port = api().post("/api/vms/" + guest + "/start").then().statusCode(200).extract().path("graphics.port");
            assertThat(vncSecurityTypes(port)).as("VNC authentication is required").containsExactly((byte) 2);

            api().contentType(ContentType.JSON).body("{\"graphics\": {\"passwd\": \"s3cret\", \"passwdValidTo\": 300}}")
                    .put("/api/vms/" + guest).then()
                    .statusCode(200)
                    .header("Warning", org.hamcrest.Matchers.nullValue())
                    .body("state", equalTo("running"))
                    .body("graphics", not(org.hamcrest.Matchers.hasKey("passwd")));
            assertThat(virsh("dumpxml", "--security-info", guest)).contains("passwd='s3cret'");

            // connect: a fresh password that really opens the console
            JsonPath connected = api().contentType(ContentType.JSON).body("{\"passwdValidTo\": 60}")
                    .post("/api/vms/" + guest + "/connect").then().statusCode(200).extract().jsonPath();
            String password = connected.getString("graphics.passwd");
            assertThat(password).hasSize(8).isNotEqualTo("s3cret");
            assertThat(vncAuthenticates(port, password)).isTrue();
            assertThat(vncAuthenticates(port, "s3cret")).isFalse();

            String viewer = api().accept("application/x-virt-viewer").get("/api/vms/" + guest + "/virtviewerfile").then()
                    .statusCode(200)
                    .header("Content-Disposition", org.hamcrest.Matchers.containsString(guest + ".vv"))
                    .extract().asString();
            assertThat(viewer).startsWith("[virt-viewer]").contains("type=vnc").contains("host=127.0.0.1")
                    .contains("port=" + port);
            String viewerPassword = viewer.lines().filter(line -> line.startsWith("password=")).findFirst()
                    .orElseThrow().substring("password=".length());
            assertThat(vncAuthenticates(port, viewerPassword)).isTrue();
            api().delete("/api/vms/" + guest).then().statusCode(204);
        }
    }

    /** Whether a VNC server accepts {@code password} (RFB 3.8, security type 2, DES challenge-response). */
    private static boolean vncAuthenticates(int port, String password) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            var in = new java.io.DataInputStream(socket.getInputStream());
            var out = socket.getOutputStream();
            in.readNBytes(12);
            out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            in.readNBytes(in.read());
            out.write(2);
            byte[] challenge = in.readNBytes(16);
            byte[] key = new byte[8];
            byte[] secret = password.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < key.length && i < secret.length; i++) {
                key[i] = (byte) (Integer.reverse(secret[i] & 0xff) >>> 24); // VNC reverses the key's bits
            }
            javax.crypto.Cipher des = javax.crypto.Cipher.getInstance("DES/ECB/NoPadding");
            des.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "DES"));
            out.write(des.doFinal(challenge));
            return in.readInt() == 0;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The security types a VNC server offers after the RFB 3.8 version handshake. */
    private static byte[] vncSecurityTypes(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            var in = socket.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).startsWith("RFB 003.008");
            socket.getOutputStream().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            return in.readNBytes(in.read());
        }
    }

    @Test
    void seesChangesMadeOutsideVireoThroughLifecycleEvents() {
        awaitListed();
        virsh("start", vm);
        awaitState("running");
        virsh("suspend", vm);
        awaitState("paused");
        virsh("destroy", vm);
        awaitState("shutoff");
        virsh("undefine", vm);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> api().get("/api/vms").then().body("name", not(hasItem(vm))));
        api().get("/api/vms/" + vm).then().statusCode(404);
        virsh("define", definition.toString()); // for removeTheGuest
    }

    /** The guest was defined with virsh: the list shows it once libvirt's event arrived. */
    private void awaitListed() {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> api().get("/api/vms").then().statusCode(200).body("name", hasItem(vm)));
    }

    private void awaitState(String state) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                api().get("/api/vms").then().body("find { it.name == '" + vm + "' }.state", equalTo(state)));
    }

    @Test
    void makesVmsWithRealVolumesAndRemovesThemWithTheVm() throws IOException {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String pool = HostFixtures.unique("e2e-pool");
            Path directory = host.dirPool(pool, true);
            Path base = host.image(pool, directory, "base.qcow2", "64M");
            String blank = template("{\"source_media\": {\"type\": \"netboot\"}, "
                    + "\"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]");
            String thin = template("{\"source_media\": {\"type\": \"disk\", \"path\": \"" + base + "\"}");

            String first = HostFixtures.unique("e2e-vm");
            createVm(blank, first);
            Path firstDisk = directory.resolve(diskVolume(first, 0));
            assertThat(firstDisk).exists();
            JsonPath image = HostFixtures.imageInfo(firstDisk);
            assertThat(image.getString("format")).isEqualTo("qcow2");
            assertThat(image.getLong("virtual-size")).isEqualTo(1024L * 1024 * 1024);
            assertThat(virsh("dumpxml", first)).contains("<source file='" + firstDisk + "'").contains("type='qemu'");

            String second = HostFixtures.unique("e2e-vm");
            createVm(thin, second);
            Path overlay = directory.resolve(diskVolume(second, 0));
            JsonPath chain = HostFixtures.imageInfo(overlay);
            assertThat(chain.getString("backing-filename")).isEqualTo(base.toString());
            assertThat(chain.getLong("virtual-size")).isEqualTo(64L * 1024 * 1024);

            api().post("/api/vms/" + first + "/start").then().statusCode(200).body("state", equalTo("running"));
            api().delete("/api/vms/" + first).then().statusCode(204);
            api().delete("/api/vms/" + second).then().statusCode(204);
            assertThat(firstDisk).doesNotExist();
            assertThat(overlay).doesNotExist();
            assertThat(base).exists();
            assertThat(virsh("list", "--all", "--name")).doesNotContain(first).doesNotContain(second);
        }
    }

    @Test
    void takesInstallMediaByTheFilesPathAsKimchiDoes() throws IOException {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String disks = HostFixtures.unique("e2e-pool");
            host.dirPool(disks, true);
            Path directory = host.directory(HostFixtures.unique("e2e-media"));
            Path iso = HostFixtures.isoFile(directory.resolve("installer.iso"), "Fedora-S-dvd-x86_64-40");

            String template = template("{\"source_media\": {\"type\": \"disk\", \"path\": \"" + iso + "\"}, "
                    + "\"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + disks + "\"}}]");
            api().get("/api/templates/" + template).then().statusCode(200)
                    .body("cdrom", equalTo(iso.toString())).body("os_distro", equalTo("fedora"));
            // libvirt knows the file: a volume of the dir pool Vireo made over its directory, read by libvirt itself
            String pool = api().get("/api/storagepools").then().extract().jsonPath()
                    .getString("find { it.path == '" + directory + "' }.name");
            assertThat(pool).startsWith("media-");
            assertThat(virsh("vol-list", pool)).contains(iso.toString());
            assertThat(virsh("pool-info", pool)).containsPattern("State:\\s+running");

            api().delete("/api/templates/" + template).then().statusCode(204);
            api().post("/api/storagepools/" + pool + "/deactivate").then().statusCode(200);
            api().delete("/api/storagepools/" + pool).then().statusCode(204);
        }
    }

    @Test
    void recognisesDistributionsOnIsoImagesAndInstallsFromThem() throws IOException {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String pool = HostFixtures.unique("e2e-pool");
            Path directory = host.dirPool(pool, true);
            String fedora = HostFixtures.unique("fedora") + ".iso";
            String mystery = HostFixtures.unique("mystery") + ".iso";
            Path iso = host.iso(pool, directory, fedora, "Fedora-S-dvd-x86_64-40");
            host.iso(pool, directory, mystery, "BACKUP_2024");

            api().get("/api/config/distros").then()
                    .statusCode(200)
                    .body("find { it.name == '" + fedora + "' }.os_distro", equalTo("fedora"))
                    .body("find { it.name == '" + fedora + "' }.os_version", equalTo("40"))
                    .body("find { it.name == '" + fedora + "' }.path", equalTo(iso.toString()))
                    .body("find { it.name == '" + mystery + "' }.os_distro", equalTo("unknown"));
            api().get("/plugins/kimchi/config/distros/" + fedora).then()
                    .statusCode(200)
                    .body("os_version", equalTo("40"));
            api().get("/api/config/distros/no-such.iso").then().statusCode(404).body("code", equalTo("DIST0001E"));

            String template = template("{\"source_media\": {\"type\": \"disk\", \"path\": \"" + iso + "\"}, "
                    + "\"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]");
            api().get("/api/templates/" + template).then()
                    .body("cdrom", equalTo(iso.toString()))
                    .body("os_distro", equalTo("fedora"))
                    .body("os_version", equalTo("40"));
            String guest = HostFixtures.unique("e2e-vm");
            createVm(template, guest);
            api().get("/api/vms/" + guest).then().body("bootorder", contains("hd", "cdrom", "network"));
            String xml = virsh("dumpxml", guest);
            assertThat(xml).contains("bus='virtio'").contains("<source file='" + iso + "'").contains("device='cdrom'");
            api().delete("/api/vms/" + guest).then().statusCode(204);
            assertThat(iso).exists();
        }
    }

    @Test
    void attachesDisksAndChangesCdromMediaOfARunningGuest() throws IOException {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String pool = HostFixtures.unique("e2e-pool");
            Path directory = host.dirPool(pool, true);
            Path iso = host.iso(pool, directory, "first.iso", "Debian 12.5.0 amd64 n");
            Path other = host.iso(pool, directory, "second.iso", "Debian 12.5.0 amd64 n");
            host.image(pool, directory, "data.qcow2", "32M");
            String template = template("{\"source_media\": {\"type\": \"netboot\"}, \"os_distro\": \"debian\", "
                    + "\"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]");
            String guest = HostFixtures.unique("e2e-vm");
            createVm(template, guest);

            // a CD-ROM drive while shut off (IDE cannot be hot-plugged)
            api().contentType(ContentType.JSON).body("{\"type\": \"cdrom\", \"path\": \"" + iso + "\"}")
                    .post("/api/vms/" + guest + "/storages").then()
                    .statusCode(201)
                    .header("Warning", org.hamcrest.Matchers.nullValue())
                    .body("dev", equalTo("hda"))
                    .body("type", equalTo("cdrom"))
                    .body("path", equalTo(iso.toString()));
            api().post("/api/vms/" + guest + "/start").then().statusCode(200);

            // media change and eject, live
            api().contentType(ContentType.JSON).body("{\"path\": \"" + other + "\"}")
                    .put("/api/vms/" + guest + "/storages/hda").then()
                    .statusCode(200).header("Warning", org.hamcrest.Matchers.nullValue()).body("path", equalTo(other.toString()));
            assertThat(virsh("domblklist", guest)).contains(other.toString());
            api().contentType(ContentType.JSON).body("{\"path\": \"\"}").put("/api/vms/" + guest + "/storages/hda").then()
                    .statusCode(200).body("path", equalTo(""));

            // a virtio disk hot-plugged into the running guest, then detached
            api().contentType(ContentType.JSON).body("{\"type\": \"disk\", \"pool\": \"" + pool + "\", \"vol\": \"data.qcow2\"}")
                    .post("/api/vms/" + guest + "/storages").then()
                    .statusCode(201)
                    .header("Warning", org.hamcrest.Matchers.nullValue())
                    .body("dev", equalTo("vdb"))
                    .body("bus", equalTo("virtio"));
            assertThat(virsh("domblklist", guest)).contains("vdb");
            assertThat(virsh("domblklist", guest, "--inactive")).contains("vdb");
            api().delete("/api/vms/" + guest + "/storages/vdb").then().statusCode(204);
            assertThat(virsh("domblklist", guest, "--inactive")).doesNotContain("vdb");

            api().delete("/api/vms/" + guest).then().statusCode(204);
            assertThat(directory.resolve("data.qcow2")).as("an attached volume is not the VM's own").exists();
        }
    }

    /**
     * The Xen REST face on QEMU: a domain defined from the JSON form of its XML starts, takes a disk
     * live, and changes its memory and vCPUs with libvirt's flags, each as virsh then shows it.
     */
    @Test
    void aDomainDefinedFromJsonStartsTakesADiskLiveAndResizesWithFlags() throws IOException {
        String nodes = "/libvirt/xen/nodes";
        String guest = HostFixtures.unique("e2e-xen");
        Path disk = Files.createTempFile(WORKDIR, "e2e-xen", ".qcow2");
        assertThat(RealHypervisor.run("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "16M").exitCode()).isZero();
        String definition = "{\"domain\": {\"@type\": \"qemu\", \"name\": \"" + guest + "\","
                + " \"memory\": {\"@unit\": \"MiB\", \"#text\": \"128\"},"
                + " \"currentMemory\": {\"@unit\": \"MiB\", \"#text\": \"128\"},"
                + " \"vcpu\": {\"@placement\": \"static\", \"@current\": \"1\", \"#text\": \"2\"},"
                + " \"os\": {\"type\": {\"@arch\": \"x86_64\", \"@machine\": \"pc\", \"#text\": \"hvm\"}},"
                + " \"features\": {\"acpi\": null, \"apic\": null},"
                + " \"devices\": {\"graphics\": {\"@type\": \"vnc\", \"@autoport\": \"yes\", \"@listen\": \"127.0.0.1\"},"
                + " \"video\": {\"model\": {\"@type\": \"vga\"}}, \"memballoon\": {\"@model\": \"virtio\"}}}}";
        try {
            String uuid = api().contentType(ContentType.JSON).body(definition).post(nodes + "/create").then()
                    .statusCode(201).extract().path("Uuid");
            assertThat(virsh("domuuid", guest)).isEqualTo(uuid);
            api().get("/api/vms/" + guest).then().statusCode(200).body("state", equalTo("shutoff"));

            api().post(nodes + "/" + uuid + "/start").then().statusCode(204);
            assertThat(virsh("domstate", guest)).isEqualTo("running");
            api().post(nodes + "/" + guest + "/start").then().statusCode(304);

            // a virtio disk hot-plugged into the running guest only (flag 1: VIR_DOMAIN_AFFECT_LIVE)
            api().contentType(ContentType.JSON).body("{\"disk\": {\"@type\": \"file\", \"@device\": \"disk\","
                            + " \"driver\": {\"@name\": \"qemu\", \"@type\": \"qcow2\"}, \"source\": {\"@file\": \"" + disk
                            + "\"}, \"target\": {\"@dev\": \"vdb\", \"@bus\": \"virtio\"}}}")
                    .post(nodes + "/" + guest + "/devices/attach?flag=1").then().statusCode(201)
                    .body("disk.target.'@dev'", equalTo("vdb"));
            assertThat(virsh("domblklist", guest)).contains("vdb", disk.toString());
            assertThat(virsh("domblklist", guest, "--inactive")).doesNotContain("vdb");

            // vCPUs: one more live (hot-plugged), and the next boot's count in the configuration (flag 2)
            api().post(nodes + "/" + guest + "/vcpu/resize?size=2&flag=1").then().statusCode(204);
            assertThat(virsh("vcpucount", guest, "--live", "--active")).isEqualTo("2");
            assertThat(virsh("vcpucount", guest, "--config", "--active")).isEqualTo("1");
            api().post(nodes + "/" + guest + "/vcpu/resize?size=2&flag=2").then().statusCode(204);
            assertThat(virsh("vcpucount", guest, "--config", "--active")).isEqualTo("2");

            // memory: the maximum and the current memory of the configuration, and the balloon target live
            api().post(nodes + "/" + guest + "/memory/resize?size=262144&type=max&flag=2").then().statusCode(204);
            api().post(nodes + "/" + guest + "/memory/resize?size=196608&type=target&flag=2").then().statusCode(204);
            String inactive = virsh("dumpxml", guest, "--inactive");
            assertThat(inactive).contains("<memory unit='KiB'>262144</memory>", "<currentMemory unit='KiB'>196608</currentMemory>");
            api().post(nodes + "/" + guest + "/memory/resize?size=98304&flag=1").then().statusCode(204);
            assertThat(virsh("dumpxml", guest, "--inactive")).contains("<currentMemory unit='KiB'>196608</currentMemory>");
            // libvirt itself refuses a live maximum change of a running QEMU guest: its refusal, never a 500
            int refused = api().post(nodes + "/" + guest + "/memory/resize?size=262144&type=max&flag=1").then()
                    .extract().statusCode();
            assertThat(refused).isBetween(400, 499);

            api().post(nodes + "/" + guest + "/destroy").then().statusCode(204);
            assertThat(virsh("domstate", guest)).isEqualTo("shut off");
            api().post(nodes + "/" + guest + "/destroy").then().statusCode(304);
            api().post(nodes + "/" + guest + "/delete").then().statusCode(204);
            api().get("/api/vms/" + guest).then().statusCode(404);
        } finally {
            RealHypervisor.run("virsh", "-c", RealHypervisor.uri(), "destroy", guest);
            RealHypervisor.run("virsh", "-c", RealHypervisor.uri(), "undefine", guest);
            Files.deleteIfExists(disk);
        }
    }

    @Test
    void attachesChangesAndDetachesANetworkInterfaceOfARunningGuest() throws IOException {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String pool = HostFixtures.unique("e2e-pool");
            host.dirPool(pool, true);
            String network = host.isolatedNetwork(HostFixtures.unique("e2e-net"));
            host.startNetwork(network);
            String template = template("{\"source_media\": {\"type\": \"netboot\"}, "
                    + "\"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]");
            String guest = HostFixtures.unique("e2e-vm");
            createVm(template, guest);
            api().post("/api/vms/" + guest + "/start").then().statusCode(200);

            String mac = api().contentType(ContentType.JSON).body("{\"network\": \"" + network + "\", \"model\": \"virtio\"}")
                    .post("/api/vms/" + guest + "/ifaces").then()
                    .statusCode(201)
                    .header("Warning", org.hamcrest.Matchers.nullValue())
                    .body("network", equalTo(network))
                    .body("model", equalTo("virtio"))
                    .extract().path("mac");
            assertThat(virsh("domiflist", guest)).contains(mac).contains(network);
            // a guest without an OS asks for no address: none is known, and that is no error
            api().get("/api/vms/" + guest + "/ifaces/" + mac).then().statusCode(200).body("ips", empty());
            assertThat(virsh("domiflist", guest, "--inactive")).contains(mac);

            api().contentType(ContentType.JSON).body("{\"model\": \"e1000\"}").put("/api/vms/" + guest + "/ifaces/" + mac).then()
                    .statusCode(200)
                    .header("Warning", org.hamcrest.Matchers.containsString("nic model"));
            assertThat(virsh("dumpxml", "--inactive", guest)).contains("<model type='e1000'/>");

            api().delete("/api/vms/" + guest + "/ifaces/" + mac).then().statusCode(204);
            assertThat(virsh("domiflist", guest, "--inactive")).doesNotContain(mac);
            api().delete("/api/vms/" + guest).then().statusCode(204);
        }
    }

    @Test
    void movesARunningGuestToAnotherHostLive() throws IOException {
        // both daemons see the same file system: storage shared in a way libvirt cannot detect, so
        // the qemu test server runs with vireo.migration.allow-unsafe=true
        String peer = RealHypervisor.peerUri();
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String pool = HostFixtures.unique("e2e-pool");
            host.dirPool(pool, true);
            String template = template("{\"source_media\": {\"type\": \"netboot\"}, "
                    + "\"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]");
            String guest = HostFixtures.unique("e2e-vm");
            createVm(template, guest);
            api().post("/api/vms/" + guest + "/start").then().statusCode(200);

            JsonPath task = awaitTask(api().contentType(ContentType.JSON).body("{\"remote_host\": \"" + peer + "\"}")
                    .post("/api/vms/" + guest + "/migrate").then().statusCode(202).extract().path("id"));
            assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");
            assertThat(RealHypervisor.virshAt(peer, "domstate", guest)).isEqualTo("running");
            assertThat(virsh("list", "--all", "--name")).doesNotContain(guest);
            api().get("/api/vms/" + guest).then().statusCode(404);

            // and back, by virsh: Vireo sees it return through libvirt's events
            RealHypervisor.virshAt(peer, "migrate", "--live", "--persistent", "--undefinesource", "--unsafe",
                    guest, RealHypervisor.uri(), "tcp://127.0.0.1");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    api().get("/api/vms").then().body("find { it.name == '" + guest + "' }.state", equalTo("running")));
            api().delete("/api/vms/" + guest).then().statusCode(204);

            JsonPath unreachable = awaitTask(api().contentType(ContentType.JSON)
                    .body("{\"remote_host\": \"qemu+unix:///system?socket=/nonexistent/sock\"}")
                    .post("/api/vms/" + vm + "/migrate").then().statusCode(202).extract().path("id"));
            assertThat(unreachable.getString("status")).isEqualTo("failed");
            assertThat(unreachable.getString("message")).startsWith("HOST0001E").contains("/nonexistent/sock");
            api().contentType(ContentType.JSON).body("{\"remote_host\": \"bad host!\"}")
                    .post("/api/vms/" + vm + "/migrate").then().statusCode(400).body("code", equalTo("VMS0018E"));
        }
    }

    /**
     * The second daemon as a cell of the zone: a guest placed on it, migrated live back and forth
     * through {@code host} with its disk copied (each daemon's /var/lib/libvirt is private, so a pool
     * there is storage of that host alone), a guest on storage both see (declared shared by
     * vireo.migration.allow-unsafe on this server) moved without a copy, and the cell evacuated.
     */
    @Test
    void migratesGuestsLiveBetweenCellsAndEvacuatesACell() throws IOException {
        String peer = RealHypervisor.peerUri();
        Path peerDir = Path.of(WORKDIR + "-peer");
        String zonePool = HostFixtures.unique("e2e-zone");
        String cell = HostFixtures.unique("e2e-cell");
        String privatePool = HostFixtures.unique("e2e-own");
        String privatePath = "/var/lib/libvirt/images/" + privatePool;
        List<String> uris = List.of(RealHypervisor.uri(), peer);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + zonePool + "\"}").post("/api/computepools").then()
                .statusCode(201);
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            api().contentType(ContentType.JSON).body("{\"name\": \"" + cell + "\", \"uri\": \"" + peer + "\", \"pool\": \""
                    + zonePool + "\"}").post("/api/hosts").then().statusCode(201);
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                    api().get("/api/hosts/" + cell).then().body("state", equalTo("connected")));
            for (String uri : uris) {
                RealHypervisor.virshAt(uri, "pool-define-as", privatePool, "dir", "--target", privatePath);
                RealHypervisor.virshAt(uri, "pool-build", privatePool);
                RealHypervisor.virshAt(uri, "pool-start", privatePool);
            }
            String sharedPool = HostFixtures.unique("e2e-shared");
            Path sharedDir = host.dirPool(sharedPool, true);
            RealHypervisor.virshAt(peer, "pool-create-as", sharedPool, "dir", "--target", sharedDir.toString());

            String guest = HostFixtures.unique("e2e-vm");
            createVmOn(template("{\"source_media\": {\"type\": \"netboot\"}, \"disks\": [{\"size\": 1, \"pool\": "
                    + "{\"name\": \"" + privatePool + "\"}}]"), guest, cell);
            String volume = diskVolume(guest, 0);
            api().get("/api/vms/" + guest).then().body("host", equalTo(cell));
            api().post("/api/vms/" + guest + "/start").then().statusCode(200).body("state", equalTo("running"));
            assertThat(RealHypervisor.virshAt(peer, "domstate", guest)).isEqualTo("running");

            List<String> times = new ArrayList<>();
            String[] hops = {"local", cell, "local"};
            for (String to : hops) {
                String from = "local".equals(to) ? cell : "local";
                long started = System.nanoTime();
                JsonPath task = awaitTask(api().contentType(ContentType.JSON).body("{\"host\": \"" + to + "\"}")
                        .post("/api/vms/" + guest + "/migrate").then().statusCode(202).extract().path("id"));
                times.add(String.format(java.util.Locale.ROOT, "%s->%s %.2f s", from, to, (System.nanoTime() - started) / 1e9));
                assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");
                assertThat(task.getString("message")).startsWith("live migration of " + guest + " from " + from + " to " + to);
                String there = "local".equals(to) ? RealHypervisor.uri() : peer;
                String gone = "local".equals(to) ? peer : RealHypervisor.uri();
                assertThat(RealHypervisor.virshAt(there, "domstate", guest)).isEqualTo("running");
                assertThat(RealHypervisor.virshAt(gone, "list", "--all", "--name")).doesNotContain(guest);
                api().get("/api/vms/" + guest).then().statusCode(200).body("host", equalTo(to)).body("state", equalTo("running"));
                // the disk was copied into the destination's own pool and left the source's
                Path ownDir = "local".equals(to) ? WORKDIR : peerDir;
                Path otherDir = "local".equals(to) ? peerDir : WORKDIR;
                assertThat(ownDir.resolve("var/lib/libvirt/images").resolve(privatePool).resolve(volume)).exists();
                assertThat(otherDir.resolve("var/lib/libvirt/images").resolve(privatePool).resolve(volume)).doesNotExist();
            }

            // shut off, it moves cold: its disk through libvirt's volume streams, byte for byte
            api().post("/api/vms/" + guest + "/poweroff").then().statusCode(200);
            byte[] content = Files.readAllBytes(WORKDIR.resolve("var/lib/libvirt/images").resolve(privatePool).resolve(volume));
            long cold = System.nanoTime();
            JsonPath coldTask = awaitTask(api().contentType(ContentType.JSON).body("{\"host\": \"" + cell + "\"}")
                    .post("/api/vms/" + guest + "/migrate").then().statusCode(202).extract().path("id"));
            times.add(String.format(java.util.Locale.ROOT, "cold local->%s with a %d-byte qcow2 file %.2f s", cell,
                    content.length, (System.nanoTime() - cold) / 1e9));
            assertThat(coldTask.getString("status")).as(coldTask.getString("message")).isEqualTo("finished");
            assertThat(coldTask.getString("message")).startsWith("cold migration of " + guest + " from local to " + cell);
            assertThat(RealHypervisor.virshAt(peer, "domstate", guest)).isEqualTo("shut off");
            assertThat(virsh("list", "--all", "--name")).doesNotContain(guest);
            assertThat(Files.readAllBytes(peerDir.resolve("var/lib/libvirt/images").resolve(privatePool).resolve(volume)))
                    .isEqualTo(content);
            assertThat(WORKDIR.resolve("var/lib/libvirt/images").resolve(privatePool).resolve(volume)).doesNotExist();
            api().post("/api/vms/" + guest + "/start").then().statusCode(200).body("state", equalTo("running"));

            String sharing = HostFixtures.unique("e2e-vm");
            createVmOn(template("{\"source_media\": {\"type\": \"netboot\"}, \"disks\": [{\"size\": 1, \"pool\": "
                    + "{\"name\": \"" + sharedPool + "\"}}]"), sharing, cell);
            api().post("/api/vms/" + sharing + "/start").then().statusCode(200);
            Path sharedDisk = sharedDir.resolve(diskVolume(sharing, 0));

            long started = System.nanoTime();
            JsonPath evacuation = awaitTask(api().contentType(ContentType.JSON).body("{\"to\": \"local\"}")
                    .post("/api/hosts/" + cell + "/evacuate").then().statusCode(202).extract().path("id"));
            times.add(String.format(java.util.Locale.ROOT, "evacuation of 2 running guests %.2f s", (System.nanoTime() - started) / 1e9));
            assertThat(evacuation.getString("status")).as(evacuation.getString("message")).isEqualTo("finished");
            assertThat(evacuation.getString("message")).startsWith("evacuation of host " + cell + ": 2 of 2 virtual machines moved")
                    .contains(guest + ": live to local").contains(sharing + ": live to local");
            api().get("/api/hosts/" + cell).then().body("enabled", equalTo(false));
            assertThat(RealHypervisor.virshAt(peer, "list", "--all", "--name")).doesNotContain(guest).doesNotContain(sharing);
            for (String vm : List.of(guest, sharing)) {
                assertThat(virsh("domstate", vm)).isEqualTo("running");
                api().get("/api/vms/" + vm).then().body("host", equalTo("local"));
            }
            // shared storage was not copied: the one file stays where it was
            assertThat(sharedDisk).exists();
            assertThat(virsh("domblklist", sharing)).contains(sharedDisk.toString());
            System.out.println("Live migrations between cells on real QEMU: " + String.join("; ", times));

            for (String vm : List.of(guest, sharing)) {
                api().delete("/api/vms/" + vm).then().statusCode(204);
            }
            RealHypervisor.virshAt(peer, "pool-destroy", sharedPool);
        } finally {
            for (String uri : uris) {
                RealHypervisor.run("virsh", "-c", uri, "pool-destroy", privatePool);
                RealHypervisor.run("virsh", "-c", uri, "pool-delete", privatePool);
                RealHypervisor.run("virsh", "-c", uri, "pool-undefine", privatePool);
            }
            api().delete("/api/hosts/" + cell);
            api().delete("/api/computepools/" + zonePool);
        }
    }

    @Test
    void clonesAGuestWithRealCopiesOfItsDisks() throws IOException {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String pool = HostFixtures.unique("e2e-pool");
            Path directory = host.dirPool(pool, true);
            String template = template("{\"source_media\": {\"type\": \"netboot\"}, "
                    + "\"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]");
            String guest = HostFixtures.unique("e2e-vm");
            createVm(template, guest);
            JsonPath task = awaitTask(api().post("/api/vms/" + guest + "/clone").then().statusCode(202).extract().path("id"));
            assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");

            Path original = directory.resolve(diskVolume(guest, 0));
            Path copy = directory.resolve(diskVolume(guest + "-clone1", 0));
            assertThat(copy).exists();
            assertThat(HostFixtures.imageInfo(copy).getString("format")).isEqualTo("qcow2");
            assertThat(HostFixtures.imageInfo(copy).getLong("virtual-size")).isEqualTo(1024L * 1024 * 1024);
            assertThat(virsh("dumpxml", guest + "-clone1")).contains("<source file='" + copy + "'")
                    .doesNotContain(virsh("domuuid", guest));

            api().post("/api/vms/" + guest + "-clone1/start").then().statusCode(200).body("state", equalTo("running"));
            api().delete("/api/vms/" + guest + "-clone1").then().statusCode(204);
            assertThat(copy).doesNotExist();
            assertThat(original).exists();
            api().delete("/api/vms/" + guest).then().statusCode(204);
        }
    }

    @Test
    void takesRevertsAndDeletesInternalSnapshotsOfARunningGuest() throws IOException {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String pool = HostFixtures.unique("e2e-pool");
            Path directory = host.dirPool(pool, true);
            String template = template("{\"source_media\": {\"type\": \"netboot\"}, "
                    + "\"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]");
            String guest = HostFixtures.unique("e2e-vm");
            createVm(template, guest);
            api().post("/api/vms/" + guest + "/start").then().statusCode(200);

            JsonPath running = awaitTask(api().contentType(ContentType.JSON).body("{\"name\": \"live\"}")
                    .post("/api/vms/" + guest + "/snapshots").then().statusCode(202).extract().path("id"));
            assertThat(running.getString("status")).as(running.getString("message")).isEqualTo("finished");
            assertThat(virsh("snapshot-list", guest, "--name")).contains("live");
            JsonPath image = HostFixtures.imageInfo(directory.resolve(diskVolume(guest, 0)));
            assertThat(image.getList("snapshots.name")).contains("live");

            api().post("/api/vms/" + guest + "/poweroff").then().statusCode(200).body("state", equalTo("shutoff"));
            api().post("/api/vms/" + guest + "/snapshots/live/revert").then().statusCode(200).body("state", equalTo("running"));
            api().get("/api/vms/" + guest).then().body("state", equalTo("running"));
            assertThat(virsh("domstate", guest)).isEqualTo("running");

            api().delete("/api/vms/" + guest + "/snapshots/live").then().statusCode(204);
            assertThat(virsh("snapshot-list", guest, "--name")).doesNotContain("live");
            api().delete("/api/vms/" + guest).then().statusCode(204);
        }
    }

    @Test
    void createsAnIsolatedNetworkAndKeepsItWhileAGuestUsesIt() throws IOException {
        String net = HostFixtures.benchmarkNet();
        String network = HostFixtures.unique("e2e-net");
        api().contentType(ContentType.JSON).body("{\"name\": \"" + network + "\", \"connection\": \"isolated\", "
                + "\"subnet\": \"" + net + "0/24\"}").post("/api/networks").then().statusCode(201).body("state", equalTo("active"));
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            assertThat(virsh("net-info", network)).containsPattern("Active:\\s+yes").containsPattern("Autostart:\\s+yes");
            assertThat(virsh("net-dumpxml", network)).contains("address='" + net + "1'").doesNotContain("<forward");

            String pool = HostFixtures.unique("e2e-pool");
            host.dirPool(pool, true);
            String template = template("{\"source_media\": {\"type\": \"netboot\"}, \"networks\": [\"" + network + "\"], "
                    + "\"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]");
            String guest = HostFixtures.unique("e2e-vm");
            createVm(template, guest);
            api().post("/api/vms/" + guest + "/start").then().statusCode(200);
            api().get("/api/networks/" + network).then().body("vms", contains(guest)).body("in_use", equalTo(true));
            assertThat(virsh("domiflist", guest)).contains(network);
            api().post("/api/networks/" + network + "/deactivate").then().statusCode(409).body("code", equalTo("NET0003E"));
            api().delete("/api/networks/" + network).then().statusCode(409);

            api().delete("/api/vms/" + guest).then().statusCode(204);
            api().delete("/api/templates/" + template).then().statusCode(204);
        } finally {
            api().delete("/api/networks/" + network).then().statusCode(204);
        }
        assertThat(virsh("net-list", "--all", "--name")).doesNotContain(network);
    }

    @Test
    void changesTheSubnetOfAnInactiveIsolatedNetworkAndRenamesIt() {
        String first = HostFixtures.benchmarkNet();
        String second = first;
        while (second.equals(first)) {
            second = HostFixtures.benchmarkNet();
        }
        String network = HostFixtures.unique("e2e-sub");
        String renamed = HostFixtures.unique("e2e-ren");
        api().contentType(ContentType.JSON).body("{\"name\": \"" + network + "\", \"subnet\": \"" + first + "0/24\"}")
                .post("/api/networks").then().statusCode(201);
        try {
            api().contentType(ContentType.JSON).body("{\"subnet\": \"" + second + "0/24\"}").put("/api/networks/" + network)
                    .then().statusCode(409).body("code", equalTo("NET0009E"));
            api().post("/api/networks/" + network + "/deactivate").then().statusCode(200);
            api().contentType(ContentType.JSON).body("{\"subnet\": \"" + second + "0/24\"}").put("/api/networks/" + network)
                    .then().log().ifValidationFails().statusCode(200).body("subnet", equalTo(second + "0/24"));
            assertThat(virsh("net-dumpxml", network)).contains("address='" + second + "1'").contains("netmask='255.255.255.0'")
                    .contains("start='" + second + "2'").contains("end='" + second + "254'").doesNotContain(first);
            assertThat(virsh("net-info", network)).containsPattern("Active:\\s+no").containsPattern("Autostart:\\s+yes");

            api().redirects().follow(false).contentType(ContentType.JSON).body("{\"name\": \"" + renamed + "\"}")
                    .put("/api/networks/" + network).then().statusCode(303)
                    .header("Location", org.hamcrest.Matchers.endsWith("/api/networks/" + renamed));
            assertThat(virsh("net-list", "--all", "--name")).contains(renamed).doesNotContain(network);
            assertThat(virsh("net-dumpxml", renamed)).contains("address='" + second + "1'");
            api().post("/api/networks/" + renamed + "/activate").then().statusCode(200).body("state", equalTo("active"));
            assertThat(virsh("net-info", renamed)).containsPattern("Active:\\s+yes");
        } finally {
            api().delete("/api/networks/" + network);
            api().delete("/api/networks/" + renamed);
        }
        assertThat(virsh("net-list", "--all", "--name")).doesNotContain(network).doesNotContain(renamed);
    }

    @Test
    void refusesASubnetOverlappingAnAddressOfThisMachine() {
        List<java.util.Map<String, Object>> withAddress = api().get("/api/interfaces").then().statusCode(200)
                .extract().jsonPath().<java.util.Map<String, Object>>getList("$").stream()
                .filter(nic -> !"".equals(nic.get("ipaddr"))).toList();
        Assumptions.assumeFalse(withAddress.isEmpty(), "no interface of this machine has an IPv4 address");
        String nic = (String) withAddress.get(0).get("name");
        String address = (String) withAddress.get(0).get("ipaddr");
        // defining nothing: the refusal comes before libvirt is asked
        api().contentType(ContentType.JSON).body("{\"name\": \"e2e-clash\", \"subnet\": \"" + address + "/28\"}")
                .post("/api/networks").then().statusCode(400).body("code", equalTo("NET0005E"))
                .body("reason", org.hamcrest.Matchers.containsString("of the host's interface " + nic));
        assertThat(virsh("net-list", "--all", "--name")).doesNotContain("e2e-clash");
    }

    @Test
    void definesBridgeAndMacvtapNetworksOverThisMachinesInterfaces() {
        // a Linux bridge of the test's own, with no port and down: nothing reaches or leaves it
        String bridge = "vebr" + UUID.randomUUID().toString().substring(0, 8);
        RealHypervisor.Result made = RealHypervisor.run("ip", "link", "add", bridge, "type", "bridge");
        Assumptions.assumeTrue(made.exitCode() == 0, () -> "cannot make a Linux bridge here: " + made.output());
        String bridged = HostFixtures.unique("e2e-br");
        String macvtap = HostFixtures.unique("e2e-mv");
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api().get("/api/interfaces/" + bridge).then()
                    .statusCode(200).body("type", equalTo("bridge")));
            api().contentType(ContentType.JSON).body("{\"name\": \"" + bridged + "\", \"connection\": \"bridge\", "
                    + "\"interfaces\": [\"" + bridge + "\"]}").post("/api/networks").then().statusCode(201)
                    .body("connection", equalTo("bridge")).body("interfaces", contains(bridge));
            assertThat(virsh("net-dumpxml", bridged)).contains("<forward mode='bridge'/>").contains("<bridge name='" + bridge + "'/>");
            api().get("/api/interfaces?_inuse=true").then().body("name", hasItem(bridge));

            // a macvtap network is configuration only until a guest joins it (none does here)
            List<String> nics = api().get("/api/interfaces").then().extract().jsonPath()
                    .<java.util.Map<String, Object>>getList("$").stream().filter(nic -> "nic".equals(nic.get("type")))
                    .map(nic -> (String) nic.get("name")).toList();
            Assumptions.assumeFalse(nics.isEmpty(), "libvirt reports no NIC on this machine");
            api().contentType(ContentType.JSON).body("{\"name\": \"" + macvtap + "\", \"connection\": \"macvtap\", "
                    + "\"interfaces\": [\"" + nics.get(0) + "\"]}").post("/api/networks").then().statusCode(201)
                    .body("connection", equalTo("macvtap")).body("interfaces", contains(nics.get(0)));
            assertThat(virsh("net-dumpxml", macvtap)).contains("mode='bridge'").contains("<interface dev='" + nics.get(0) + "'/>")
                    .doesNotContain("<bridge");
        } finally {
            api().delete("/api/networks/" + bridged);
            api().delete("/api/networks/" + macvtap);
            RealHypervisor.run("ip", "link", "del", bridge);
        }
        assertThat(virsh("net-list", "--all", "--name")).doesNotContain(bridged).doesNotContain(macvtap);
    }

    @Test
    void showsWhichGuestsAHostDeviceIsAssignedTo() throws IOException {
        // one of this machine's PCI devices, assigned in the guest's definition (defining needs no
        // IOMMU, starting would); what Vireo lists is what the daemon's node device driver sees
        List<String> eligible = api().get("/api/host/devices?_cap=pci&_passthrough=true").then().statusCode(200)
                .extract().path("name");
        Assumptions.assumeFalse(eligible.isEmpty(), "this machine has no PCI device a guest could be given");
        JsonPath device = api().get("/api/host/devices/" + eligible.get(0)).then().statusCode(200)
                .body("device_type", equalTo("pci")).extract().jsonPath();
        String name = device.getString("name");
        assertThat(name).isEqualTo(String.format("pci_%04x_%02x_%02x_%x", device.getInt("domain"), device.getInt("bus"),
                device.getInt("slot"), device.getInt("function")));
        api().get("/api/host/devices/" + name + "/vmholders").then().statusCode(200).body("name", not(hasItem(vm)));

        String hostdev = String.format("<hostdev mode='subsystem' type='pci' managed='no'><source>"
                + "<address domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/></source></hostdev>",
                device.getInt("domain"), device.getInt("bus"), device.getInt("slot"), device.getInt("function"));
        Files.writeString(definition, Files.readString(definition).replace("</devices>", hostdev + "</devices>"));
        virsh("undefine", vm);
        virsh("define", definition.toString());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api().get("/api/host/devices/" + name + "/vmholders")
                .then().statusCode(200).body("name", hasItem(vm)));
        api().get("/plugins/kimchi/host/devices/" + name + "/vmholders/" + vm).then().statusCode(200)
                .body("name", equalTo(vm)).body("state", equalTo("shutdown"));
        api().get("/api/host/devices?_cap=pci&_passthrough=true&_available_only=true").then().statusCode(200)
                .body("name", not(hasItem(name)));
    }

    @Test
    void assignsAHostPciDeviceToOneGuestAtATime() throws IOException {
        // one of this machine's PCI devices that no guest holds. The guests stay shut off: starting
        // one with a PCI hostdev needs VFIO and an IOMMU, which this sandbox lacks.
        List<String> eligible = api().get("/api/host/devices?_cap=pci&_passthrough=true&_available_only=true").then()
                .statusCode(200).extract().path("name");
        Assumptions.assumeFalse(eligible.isEmpty(), "this machine has no free PCI device a guest could be given");
        String name = eligible.get(0);
        JsonPath device = api().get("/api/host/devices/" + name).then().statusCode(200).extract().jsonPath();
        String address = String.format("<address domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>",
                device.getInt("domain"), device.getInt("bus"), device.getInt("slot"), device.getInt("function"));
        List<String> group = api().get("/api/host/devices?_passthrough_affected_by=" + name).then().statusCode(200)
                .extract().path("findAll { it.device_type == 'pci' }.name");
        awaitListed();

        api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}").post("/api/vms/" + vm + "/hostdevs").then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/vms/" + vm + "/hostdevs/" + name))
                .header("Warning", org.hamcrest.Matchers.nullValue())
                .body("name", equalTo(name))
                .body("type", equalTo("pci"));
        assertThat(virsh("dumpxml", "--inactive", vm)).contains("<hostdev mode='subsystem' type='pci' managed='yes'>")
                .contains(address);
        api().get("/api/vms/" + vm + "/hostdevs").then().statusCode(200).body("name", hasItem(name));
        api().get("/plugins/kimchi/vms/" + vm + "/hostdevs/" + name).then().statusCode(200)
                .body("name", equalTo(name)).body("type", equalTo("pci"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api().get("/api/host/devices/" + name + "/vmholders")
                .then().statusCode(200).body("name", contains(vm)));

        String second = vm + "-b";
        Path secondDefinition = Files.createTempFile("vireo-e2e", ".xml");
        Files.writeString(secondDefinition, Files.readString(definition)
                .replaceFirst("<name>[^<]*</name>", "<name>" + second + "</name>"));
        // the tiny guest's definition names no device; the file Vireo changed is libvirt's
        assertThat(Files.readString(secondDefinition)).doesNotContain("<hostdev");
        virsh("define", secondDefinition.toString());
        try {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> api().get("/api/vms").then().body("name", hasItem(second)));
            api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}").post("/api/vms/" + second + "/hostdevs")
                    .then().statusCode(409).body("code", equalTo("VMS0019E"))
                    .body("reason", org.hamcrest.Matchers.containsString(vm));
            assertThat(virsh("dumpxml", "--inactive", second)).doesNotContain("<hostdev");

            api().delete("/api/vms/" + vm + "/hostdevs/" + name).then().statusCode(204);
            assertThat(virsh("dumpxml", "--inactive", vm)).doesNotContain("<hostdev");
            api().get("/api/vms/" + vm + "/hostdevs").then().statusCode(200).body("$", empty());
            api().get("/api/vms/" + vm + "/hostdevs/" + name).then().statusCode(404).body("code", equalTo("HOST0011E"));

            // free again: the second guest may have it, with the rest of its IOMMU group
            api().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}").post("/api/vms/" + second + "/hostdevs")
                    .then().statusCode(201);
            List<String> held = api().get("/api/vms/" + second + "/hostdevs").then().statusCode(200).extract().path("name");
            assertThat(held).contains(name).containsAll(group.stream().filter(eligible::contains).toList());
            api().delete("/api/vms/" + second + "/hostdevs/" + name).then().statusCode(204);
            assertThat(virsh("dumpxml", "--inactive", second)).doesNotContain("<hostdev");
        } finally {
            virsh("undefine", second);
            Files.deleteIfExists(secondDefinition);
        }
    }

    @Test
    void showsTheAddressANetworkLeasedToAGuestThatNetboots() throws IOException {
        // no OS, but QEMU's iPXE option ROM asks the network's DHCP server for an address
        String network = HostFixtures.unique("e2e-net");
        api().contentType(ContentType.JSON).body("{\"name\": \"" + network + "\", \"connection\": \"isolated\", "
                + "\"subnet\": \"198.18.79.0/24\"}").post("/api/networks").then().statusCode(201);
        String guest = vm + "-net";
        Path guestDefinition = Files.createTempFile("vireo-e2e", ".xml");
        try {
            Files.writeString(guestDefinition, Files.readString(definition)
                    .replaceFirst("<name>[^<]*</name>", "<name>" + guest + "</name>")
                    .replace("hvm</type>", "hvm</type><boot dev='network'/>")
                    .replace("</devices>", "<interface type='network'><source network='" + network + "'/>"
                            + "<model type='virtio'/></interface></devices>"));
            virsh("define", guestDefinition.toString());
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> api().get("/api/vms").then().body("name", hasItem(guest)));
            api().get("/api/vms/" + guest + "/ifaces").then().statusCode(200).body("[0].ips", empty());

            api().post("/api/vms/" + guest + "/start").then().statusCode(200);
            String mac = api().get("/api/vms/" + guest + "/ifaces").then().statusCode(200).extract().path("[0].mac");
            List<String> ips = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> api().get("/api/vms/" + guest + "/ifaces/" + mac).then().statusCode(200)
                            .extract().<List<String>>path("ips"), found -> !found.isEmpty());
            assertThat(ips).singleElement().asString().startsWith("198.18.79.");
            assertThat(virsh("net-dhcp-leases", network)).contains(mac).contains(ips.get(0));
            api().get("/api/vms/" + guest + "/ifaces").then().body("[0].ips", contains(ips.get(0)));
        } finally {
            if (!virsh("domstate", guest).equals("shut off")) {
                virsh("destroy", guest);
            }
            virsh("undefine", guest);
            Files.deleteIfExists(guestDefinition);
            api().delete("/api/networks/" + network).then().statusCode(204);
        }
    }

    @Test
    void aKimchiIsoPoolFindsANestedIsoByDeepScanAndKimchiIsosShowsIt() throws IOException {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            Path media = host.directory(HostFixtures.unique("media"));
            Path image = HostFixtures.isoFile(media.resolve("deep/down/below/debian.iso"), "Debian 12.5.0 amd64 n");
            Files.writeString(media.resolve("deep/readme.iso"), "no image");
            String pool = HostFixtures.unique("e2e-scan");

            String task = api().contentType(ContentType.JSON)
                    .body("{\"name\": \"" + pool + "\", \"type\": \"kimchi-iso\", \"path\": \"" + media + "\"}")
                    .post("/api/storagepools").then().statusCode(202).extract().path("id");
            try {
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        !"running".equals(api().get("/api/tasks/" + task).then().extract().path("status")));
                api().get("/api/tasks/" + task).then().body("status", equalTo("finished"))
                        .body("message", org.hamcrest.Matchers.containsString("found 1 ISO image"));
                assertThat(virsh("pool-info", pool)).containsPattern("State:\\s+running");
                api().get("/api/storagepools/" + pool).then().body("type", equalTo("kimchi-iso")).body("nr_volumes", equalTo(1));
                api().get("/api/storagepools/" + pool + "/storagevolumes").then().statusCode(200)
                        .body("name", contains("debian.iso")).body("format", contains("iso"))
                        .body("os_distro", contains("debian"));
                api().get("/api/storagepools/kimchi_isos/storagevolumes").then().statusCode(200)
                        .body("find { it.pool == '" + pool + "' }.name", equalTo("debian.iso"))
                        .body("find { it.pool == '" + pool + "' }.os_version", equalTo("12"));
                String link = virsh("vol-path", "--pool", pool, "debian.iso");
                assertThat(Files.readSymbolicLink(Path.of(link))).isEqualTo(image);
            } finally {
                api().delete("/api/storagepools/" + pool).then().statusCode(204);
            }
            assertThat(virsh("pool-list", "--all", "--name")).doesNotContain(pool);
            assertThat(image).as("the scanned image stays").exists();
        }
    }

    @Test
    void anIscsiPoolKeepsItsChapPasswordInAPrivateLibvirtSecret() {
        String pool = HostFixtures.unique("e2e-chap");
        String password = "Chap-" + UUID.randomUUID();
        io.restassured.response.Response created = api().contentType(ContentType.JSON).body("{\"name\": \"" + pool
                + "\", \"type\": \"iscsi\", \"source\": {\"host\": \"127.0.0.1\", \"port\": 3260, \"target\":"
                + " \"iqn.2024-01.dev.vireo:nothing\", \"auth\": {\"username\": \"alice\", \"password\": \"" + password + "\"}}}")
                .post("/api/storagepools");
        try {
            created.then().statusCode(201).body("state", equalTo("inactive")).body("source.username", equalTo("alice"));
            String xml = virsh("pool-dumpxml", pool);
            assertThat(xml).contains("<auth type='chap' username='alice'>").doesNotContain(password);
            String uuid = xml.replaceAll("(?s).*<secret uuid='([^']+)'/>.*", "$1");
            assertThat(virsh("secret-dumpxml", uuid)).contains("vireo-pool-" + pool).contains("private='yes'");
            assertThat(RealHypervisor.run("virsh", "-c", RealHypervisor.uri(), "secret-get-value", uuid).output())
                    .as("a private secret is not readable through libvirt").doesNotContain(password);

            // nothing listens for iSCSI here (and iscsiadm may be missing): activation fails, with libvirt's reason
            io.restassured.response.Response activated = api().post("/api/storagepools/" + pool + "/activate");
            assertThat(activated.statusCode()).isBetween(400, 599);
            assertThat(activated.jsonPath().getString("code")).startsWith("HOST");
            assertThat(activated.jsonPath().getString("reason")).isNotBlank();
            for (io.restassured.response.Response response : List.of(created, activated, api().get("/api/storagepools/" + pool),
                    api().get("/api/storagepools"), api().get("/api/logs?limit=50"))) {
                assertThat(response.asString()).doesNotContain(password);
            }
            api().delete("/api/storagepools/" + pool).then().statusCode(204);
            assertThat(virsh("secret-list")).as("the secret goes with its pool").doesNotContain(uuid);
        } finally {
            if (virsh("pool-list", "--all", "--name").contains(pool)) {
                virsh("pool-undefine", pool);
            }
        }
    }

    @Test
    void aLogicalPoolOnALoopDevice() {
        // needs LVM (vgcreate, vgs) and a loop device on this machine
        Assumptions.assumeTrue(RealHypervisor.run("sh", "-c", "command -v vgcreate").exitCode() == 0,
                "LVM is not installed here (Debian: lvm2), so no volume group can back a logical pool");
        Assumptions.assumeTrue(false, "a loop device plus LVM inside the test sandbox is not set up by these tests yet");
    }

    @Test
    void discoversTheTargetsOfALocalNfsOrIscsiServer() {
        boolean nfs = RealHypervisor.run("sh", "-c", "command -v showmount && showmount -e 127.0.0.1").exitCode() == 0;
        boolean iscsi = RealHypervisor.run("sh", "-c", "command -v iscsiadm && command -v targetcli").exitCode() == 0;
        Assumptions.assumeTrue(nfs || iscsi, "no NFS server (showmount -e 127.0.0.1) and no iSCSI target (iscsiadm,"
                + " targetcli) on this machine: libvirt has nothing to discover");
        String type = nfs ? "netfs" : "iscsi";
        api().get("/api/storageservers/127.0.0.1/storagetargets?_target_type=" + type).then().statusCode(200);
    }

    @Test
    void createsADirPoolWithItsDirectory() throws IOException {
        String pool = HostFixtures.unique("e2e-api-pool");
        Path directory = WORKDIR.resolve("pools").resolve(pool);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + pool + "\", \"type\": \"dir\", \"path\": \"" + directory + "\"}")
                .post("/api/storagepools").then().statusCode(201).body("state", equalTo("active"));
        try {
            assertThat(directory).isDirectory();
            assertThat(virsh("pool-info", pool)).containsPattern("State:\\s+running").containsPattern("Autostart:\\s+yes");
            api().get("/api/storagepools/" + pool).then().body("capacity", org.hamcrest.Matchers.greaterThan(0L));
        } finally {
            api().delete("/api/storagepools/" + pool).then().statusCode(204);
        }
        assertThat(virsh("pool-list", "--all", "--name")).doesNotContain(pool);
        assertThat(directory).as("removing a pool keeps its data").isDirectory();
        Files.delete(directory);
    }

    @Test
    void createsResizesWipesAndDeletesRealVolumes() throws IOException {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String pool = HostFixtures.unique("e2e-pool");
            Path directory = host.dirPool(pool, true);
            String volumes = "/api/storagepools/" + pool + "/storagevolumes";
            JsonPath task = awaitTask(api().contentType(ContentType.JSON)
                    .body("{\"name\": \"data.qcow2\", \"capacity\": 67108864, \"format\": \"qcow2\"}")
                    .post(volumes).then().statusCode(202).extract().path("id"));
            assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");
            Path file = directory.resolve("data.qcow2");
            assertThat(HostFixtures.imageInfo(file).getString("format")).isEqualTo("qcow2");
            assertThat(HostFixtures.imageInfo(file).getLong("virtual-size")).isEqualTo(64L * 1024 * 1024);

            api().contentType(ContentType.JSON).body("{\"size\": 134217728}").post(volumes + "/data.qcow2/resize").then()
                    .statusCode(200).body("capacity", equalTo(134217728));
            assertThat(HostFixtures.imageInfo(file).getLong("virtual-size")).isEqualTo(128L * 1024 * 1024);
            api().contentType(ContentType.JSON).body("{\"size\": 1024}").post(volumes + "/data.qcow2/resize").then()
                    .statusCode(400).body("code", equalTo("STG0009E"));
            api().post(volumes + "/data.qcow2/wipe").then().statusCode(200);

            api().delete(volumes + "/data.qcow2").then().statusCode(204);
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void uploadsDownloadsAndClonesVolumeContentByteForByte() throws Exception {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String pool = HostFixtures.unique("e2e-xfer");
            Path directory = host.dirPool(pool, true);
            Path scratch = host.directory("transfer-" + pool);
            Path source = Transfers.randomFile(scratch, "source.img", 128);
            long size = Files.size(source);
            String sha = Transfers.sha256(source);
            String volumes = "/api/storagepools/" + pool + "/storagevolumes";

            long start = System.nanoTime();
            assertThat(RealHypervisor.run("cp", source.toString(), scratch.resolve("cp.img").toString()).exitCode()).isZero();
            long cpNanos = System.nanoTime() - start;
            Files.delete(scratch.resolve("cp.img"));
            ProcessHandle server = Transfers.server(Path.of(System.getProperty("vireo.it.qemu-server")));
            long heapBefore = Transfers.heapUsedMib(server, true);

            JsonPath created = awaitTask(api().contentType(ContentType.JSON)
                    .body("{\"name\": \"disk.img\", \"upload\": true, \"capacity\": " + size + "}")
                    .post(volumes).then().statusCode(202).extract().path("id"));
            assertThat(created.getString("status")).as(created.getString("message")).isEqualTo("finished");
            start = System.nanoTime();
            Transfers.uploadInChunks(BASE + volumes + "/disk.img", source, 8 << 20);
            long uploadNanos = System.nanoTime() - start;
            long heapAfterUpload = Transfers.heapUsedMib(server, false);

            api().get(volumes + "/disk.img").then().statusCode(200)
                    .body("upload", org.hamcrest.Matchers.nullValue())
                    .body("isvalid", equalTo(true))
                    .body("has_permission", equalTo(true))
                    .body("format", equalTo("raw"))
                    .body("capacity", equalTo((int) size));
            Path file = directory.resolve("disk.img");
            assertThat(Transfers.sha256(file)).as("the uploaded volume").isEqualTo(sha);
            assertThat(HostFixtures.imageInfo(file).getString("format")).isEqualTo("raw");
            assertThat(HostFixtures.imageInfo(file).getLong("virtual-size")).isEqualTo(size);

            start = System.nanoTime();
            var downloaded = Transfers.download(BASE + volumes + "/disk.img/content", scratch.resolve("back.img"));
            long downloadNanos = System.nanoTime() - start;
            assertThat(downloaded.statusCode()).isEqualTo(200);
            assertThat(downloaded.headers().firstValueAsLong("Content-Length")).hasValue(size);
            assertThat(Transfers.sha256(downloaded.body())).as("the downloaded content").isEqualTo(sha);
            long heapAfterDownload = Transfers.heapUsedMib(server, false);

            JsonPath cloned = awaitTask(api().post(volumes + "/disk.img/clone").then().statusCode(202)
                    .body("target_uri", equalTo(volumes + "/disk-clone1.img")).extract().path("id"));
            assertThat(cloned.getString("status")).as(cloned.getString("message")).isEqualTo("finished");
            Path copy = directory.resolve("disk-clone1.img");
            assertThat(Files.isSameFile(copy, file)).isFalse();
            assertThat(Transfers.sha256(copy)).as("the clone").isEqualTo(sha);

            com.sun.net.httpserver.HttpServer web = Transfers.serve(source);
            long fetchNanos;
            try {
                start = System.nanoTime();
                JsonPath fetched = awaitTask(api().contentType(ContentType.JSON)
                        .body("{\"url\": \"" + Transfers.urlOf(web, source) + "\"}").post(volumes).then().statusCode(202)
                        .body("target_uri", equalTo(volumes + "/source.img")).extract().path("id"));
                fetchNanos = System.nanoTime() - start;
                assertThat(fetched.getString("status")).as(fetched.getString("message")).isEqualTo("finished");
                assertThat(fetched.getString("message")).contains(size + " bytes").contains("(raw)");
            } finally {
                web.stop(0);
            }
            assertThat(Transfers.sha256(directory.resolve("source.img"))).as("the volume from a URL").isEqualTo(sha);
            long heapAfterGc = Transfers.heapUsedMib(server, true);

            System.out.printf("Volume transfer of %d MiB: cp %.0f MiB/s, chunked upload (8 MiB chunks) %.0f MiB/s,"
                            + " content download %.0f MiB/s, download from a URL %.0f MiB/s%n", size >> 20,
                    Transfers.mibPerSecond(size, cpNanos), Transfers.mibPerSecond(size, uploadNanos),
                    Transfers.mibPerSecond(size, downloadNanos), Transfers.mibPerSecond(size, fetchNanos));
            System.out.printf("Server heap used: %d MiB before (after GC), %d MiB after the upload, %d MiB after the"
                    + " download (no GC), %d MiB at the end (after GC)%n", heapBefore, heapAfterUpload, heapAfterDownload,
                    heapAfterGc);
            assertThat(heapAfterGc - heapBefore).as("heap kept after moving %d MiB three times", size >> 20)
                    .isLessThan(64);
        }
    }

    @Test
    void aVolumeBeingDownloadedIsMarkedAndRefusedUntilItsLastByte() throws Exception {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String pool = HostFixtures.unique("e2e-dl");
            Path directory = host.dirPool(pool, true);
            Path source = Transfers.randomFile(host.directory("download-" + pool), "slow.img", 4);
            String sha = Transfers.sha256(source);
            String volumes = "/api/storagepools/" + pool + "/storagevolumes";
            // a web server that sends the first half of the file, then waits until the test lets it go on
            java.util.concurrent.CountDownLatch rest = new java.util.concurrent.CountDownLatch(1);
            byte[] bytes = Files.readAllBytes(source);
            com.sun.net.httpserver.HttpServer web = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            web.createContext("/slow.img", exchange -> {
                exchange.sendResponseHeaders(200, bytes.length);
                try (java.io.OutputStream body = exchange.getResponseBody()) {
                    body.write(bytes, 0, bytes.length / 2);
                    body.flush();
                    rest.await(2, java.util.concurrent.TimeUnit.MINUTES);
                    body.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            web.start();
            try {
                String id = api().contentType(ContentType.JSON).body("{\"url\": \"" + Transfers.urlOf(web, source) + "\"}")
                        .post(volumes).then().statusCode(202).extract().path("id");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> api().get(volumes + "/slow.img").statusCode() == 200);

                api().get(volumes + "/slow.img").then().body("state", equalTo("downloading")).body("isvalid", equalTo(false));
                api().accept(ContentType.BINARY).get(volumes + "/slow.img/content").then()
                        .statusCode(409).body("code", equalTo("STG0030E"));
                api().post(volumes + "/slow.img/clone").then().statusCode(409).body("code", equalTo("STG0030E"));
                api().contentType(ContentType.JSON).body("{\"type\": \"disk\", \"pool\": \"" + pool + "\", \"vol\": \"slow.img\"}")
                        .post("/api/vms/" + vm + "/storages").then().statusCode(409).body("code", equalTo("STG0030E"));
                assertThat(virsh("domblklist", vm)).doesNotContain("slow.img");

                rest.countDown();
                JsonPath task = awaitTask(id);
                assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");
            } finally {
                rest.countDown();
                web.stop(0);
            }
            api().get(volumes + "/slow.img").then().body("state", equalTo("ready")).body("isvalid", equalTo(true));
            assertThat(Transfers.sha256(directory.resolve("slow.img"))).isEqualTo(sha);
            api().contentType(ContentType.JSON).body("{\"type\": \"disk\", \"pool\": \"" + pool + "\", \"vol\": \"slow.img\"}")
                    .post("/api/vms/" + vm + "/storages").then().statusCode(201);
            assertThat(virsh("domblklist", vm)).contains(directory.resolve("slow.img").toString());
        }
    }

    @Test
    void recognisesIsoImagesFromUrlsAndResumesAnUploadAfterARefusedChunk() throws Exception {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String pool = HostFixtures.unique("e2e-iso");
            Path directory = host.dirPool(pool, true);
            Path scratch = host.directory("iso-" + pool);
            String volumes = "/api/storagepools/" + pool + "/storagevolumes";
            Path bootable = Files.write(scratch.resolve("fedora.iso"), Transfers.isoImage("Fedora-S-dvd-x86_64-40", true));
            Path data = Files.write(scratch.resolve("data.iso"), Transfers.isoImage("BACKUP 2024", false));
            for (Path iso : List.of(bootable, data)) {
                com.sun.net.httpserver.HttpServer web = Transfers.serve(iso);
                try {
                    JsonPath task = awaitTask(api().contentType(ContentType.JSON)
                            .body("{\"url\": \"" + Transfers.urlOf(web, iso) + "\"}").post(volumes).then()
                            .statusCode(202).extract().path("id"));
                    assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");
                } finally {
                    web.stop(0);
                }
            }
            api().get(volumes + "/fedora.iso").then().statusCode(200)
                    .body("format", equalTo("iso"))
                    .body("os_distro", equalTo("fedora"))
                    .body("os_version", equalTo("40"))
                    .body("bootable", equalTo(true))
                    .body("isvalid", equalTo(true));
            api().get(volumes + "/data.iso").then()
                    .body("os_distro", equalTo("unknown"))
                    .body("bootable", equalTo(false));

            Path source = Transfers.randomFile(scratch, "three.img", 3);
            byte[] content = Files.readAllBytes(source);
            int mib = 1 << 20;
            JsonPath created = awaitTask(api().contentType(ContentType.JSON)
                    .body("{\"name\": \"three.img\", \"upload\": true, \"capacity\": " + content.length + "}")
                    .post(volumes).then().statusCode(202).extract().path("id"));
            assertThat(created.getString("status")).isEqualTo("finished");
            String volume = BASE + volumes + "/three.img";
            assertThat(Transfers.putChunk(volume, String.valueOf(mib), content, mib).statusCode()).isEqualTo(200);
            byte[] second = java.util.Arrays.copyOfRange(content, mib, 2 * mib);
            var refused = Transfers.putChunk(volume, String.valueOf(mib), second, mib - 1);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("STG0014E");
            api().get(volumes + "/three.img").then().body("upload.offset", equalTo(mib)).body("isvalid", equalTo(false));
            byte[] onDisk = Files.readAllBytes(directory.resolve("three.img"));
            assertThat(java.util.Arrays.copyOfRange(onDisk, mib, 2 * mib)).as("nothing of the refused chunk written")
                    .containsOnly(0);

            assertThat(Transfers.putChunk(volume, String.valueOf(mib), second, mib).statusCode()).isEqualTo(200);
            byte[] third = java.util.Arrays.copyOfRange(content, 2 * mib, 3 * mib);
            var last = Transfers.putChunk(volume, String.valueOf(mib), third, mib);
            assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
            assertThat(JsonPath.from(last.body()).getString("upload")).isNull();
            assertThat(Transfers.sha256(directory.resolve("three.img"))).isEqualTo(Transfers.sha256(source));
            assertThat(Transfers.putChunk(volume, "1", new byte[1], 1).statusCode()).as("after the last byte").isEqualTo(409);
        }
    }

    @Test
    void keepsAPoolOfRealGuestsReadyReplacesCheckoutsReapsTheExpiredAndBacksOffABrokenTemplate() throws Exception {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String storage = HostFixtures.unique("e2e-pool");
            Path directory = host.dirPool(storage, true);
            Path gold = host.image(storage, directory, "gold.qcow2", "64M");
            String template = template("{\"source_media\": {\"type\": \"netboot\"}, \"disks\": [{\"volume\": \"gold.qcow2\","
                    + " \"pool\": {\"name\": \"" + storage + "\"}}]");
            String pool = HostFixtures.unique("e2e-vmpool");
            api().contentType(ContentType.JSON).body("{\"name\": \"" + pool + "\", \"template\": \"" + template
                    + "\", \"size\": 3, \"default_lifetime\": 1}").post("/api/vmpools").then().statusCode(201);
            try {
                List<String> ready = awaitPoolReady(pool, 3);
                for (String guest : ready) {
                    assertThat(virsh("domstate", guest)).isEqualTo("running");
                    Path disk = Path.of(api().get("/api/vms/" + guest + "/storages").then().statusCode(200)
                            .extract().<String>path("find { it.type == 'disk' }.path"));
                    assertThat(HostFixtures.imageInfo(disk).getString("backing-filename")).isEqualTo(gold.toString());
                }

                // two checked out: the pool clones two more, the two go on running for their holder
                String first = checkout(pool);
                String second = checkout(pool);
                List<String> refilled = awaitPoolReady(pool, 3);
                assertThat(refilled).doesNotContain(first, second);
                assertThat(virsh("domstate", first)).isEqualTo("running");
                Path firstDisk = Path.of(api().get("/api/vms/" + first + "/storages").then().statusCode(200)
                        .extract().<String>path("find { it.type == 'disk' }.path"));

                // the first one's hour ends: it is destroyed with its overlay
                try (Connection db = qemuServerDatabase();
                     PreparedStatement back = db.prepareStatement("update pool_vm set checked_out = ? where hostname = ?")) {
                    back.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusHours(2));
                    back.setString(2, first);
                    assertThat(back.executeUpdate()).isEqualTo(1);
                }
                await().atMost(Duration.ofSeconds(120)).until(() -> !virsh("list", "--all", "--name").contains(first));
                assertThat(firstDisk).doesNotExist();
                api().get("/vmpooler/api/v1/vm/" + first).then().statusCode(404);

                // the template's base image goes behind Vireo's back: clones fail and the pool backs off
                Files.delete(gold);
                virsh("pool-refresh", storage);
                api().contentType(ContentType.JSON).body("{\"size\": 4}").put("/api/vmpools/" + pool).then().statusCode(200);
                JsonPath failing = await().atMost(Duration.ofSeconds(120)).until(
                        () -> api().get("/api/vmpools/" + pool).then().extract().jsonPath(),
                        view -> view.getInt("clone_failures") > 0 && view.getString("retry_after") != null);
                Thread.sleep(10_000);
                JsonPath later = api().get("/api/vmpools/" + pool).then().extract().jsonPath();
                assertThat(later.getInt("clone_failures")).as("one failure, then a wait: no loop")
                        .isLessThanOrEqualTo(failing.getInt("clone_failures") + 1);
                assertThat(later.getInt("ready")).isEqualTo(3);
                assertThat(virsh("domstate", second)).isEqualTo("running");
                api().delete("/vmpooler/api/v1/vm/" + second).then().statusCode(200);
            } finally {
                JsonPath vms = api().get("/api/vmpools/" + pool + "/vms").then().extract().jsonPath();
                vms.<String>getList("findAll { it.state == 'running' }.hostname")
                        .forEach(held -> api().delete("/vmpooler/api/v1/vm/" + held));
                api().delete("/api/vmpools/" + pool).then().statusCode(204);
                List<String> made = vms.getList("hostname");
                await().atMost(Duration.ofSeconds(120)).until(() -> {
                    String listed = virsh("list", "--all", "--name");
                    return made.stream().noneMatch(listed::contains);
                });
                api().delete("/api/templates/" + template);
            }
        }
    }

    /** Waits until the VM pool has {@code size} ready VMs; answers their host names. */
    private static List<String> awaitPoolReady(String pool, int size) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> api().get("/api/vmpools/" + pool).then().extract().<Integer>path("ready") == size);
        return api().get("/api/vmpools/" + pool + "/vms").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.state == 'ready' }.hostname");
    }

    private static String checkout(String pool) {
        return api().post("/vmpooler/api/v1/vm/" + pool).then().statusCode(200).extract().path("'" + pool + "'.hostname");
    }

    /** The qemu server's own H2 database (AUTO_SERVER lets this process open it beside the server). */
    private static Connection qemuServerDatabase() throws SQLException {
        Path file = Path.of(System.getProperty("vireo.it.qemu-server"), "standalone", "data", "vireo", "vireo");
        return DriverManager.getConnection("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE", "sa", "sa");
    }

    @Test
    void aCreationThatFailsHalfwayLeavesNothingBehind() throws IOException {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String active = HostFixtures.unique("e2e-pool");
            String inactive = HostFixtures.unique("e2e-off");
            Path directory = host.dirPool(active, true);
            host.dirPool(inactive, false);
            String template = template("{\"source_media\": {\"type\": \"netboot\"}, \"disks\": ["
                    + "{\"size\": 1, \"pool\": {\"name\": \"" + active + "\"}}, "
                    + "{\"size\": 1, \"pool\": {\"name\": \"" + inactive + "\"}}]");
            String vm = HostFixtures.unique("e2e-vm");
            JsonPath task = awaitTask(api().contentType(ContentType.JSON)
                    .body("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + vm + "\"}")
                    .post("/api/vms").then().statusCode(202).extract().path("id"));
            assertThat(task.getString("status")).isEqualTo("failed");
            assertThat(task.getString("message")).contains(inactive);
            try (var files = Files.list(directory)) {
                assertThat(files).as("volumes left in %s", directory).isEmpty();
            }
            assertThat(virsh("list", "--all", "--name")).doesNotContain(vm);
            api().get("/api/vms/" + vm).then().statusCode(404);
        }
    }

    @Test
    void aTemplateSaysWhatTheHostNoLongerHas() throws IOException {
        try (HostFixtures host = new HostFixtures(WORKDIR)) {
            String pool = HostFixtures.unique("e2e-pool");
            host.dirPool(pool, true);
            String network = host.isolatedNetwork(HostFixtures.unique("e2e-net"));
            String template = template("{\"source_media\": {\"type\": \"netboot\"}, \"networks\": [\"" + network
                    + "\"], \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"" + pool + "\"}}]");
            api().get("/api/templates/" + template).then()
                    .body("invalid.networks", empty())
                    .body("invalid.storagepools", empty());

            host.removeNetwork(network);
            host.removePool(pool);
            api().get("/api/templates/" + template).then()
                    .statusCode(200)
                    .body("invalid.networks", contains(network))
                    .body("invalid.storagepools", contains(pool));
        }
    }

    /**
     * Creates a template from the JSON fields given (without the closing brace), with 64 MiB and no
     * network unless the fields name some; returns its name.
     */
    private static String template(String fields) {
        String name = HostFixtures.unique("e2e-tpl");
        api().contentType(ContentType.JSON)
                .body(fields + ", \"name\": \"" + name + "\", \"memory\": {\"current\": 64}"
                        + (fields.contains("\"networks\"") ? "" : ", \"networks\": []") + "}")
                .post("/api/templates").then().statusCode(201);
        return name;
    }

    private static void createVm(String template, String name) {
        JsonPath task = awaitTask(api().contentType(ContentType.JSON)
                .body("{\"template\": \"/plugins/kimchi/templates/" + template + "\", \"name\": \"" + name + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id"));
        assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");
    }

    private static void createVmOn(String template, String name, String host) {
        JsonPath task = awaitTask(api().contentType(ContentType.JSON)
                .body("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + name + "\", \"host\": \"" + host + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id"));
        assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");
    }

    private static JsonPath awaitTask(String id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api().get("/api/tasks/" + id).then().extract().jsonPath(),
                        task -> !"running".equals(task.getString("status")));
    }

    /** The volume a VM's template disk {@code index} became, named as Kimchi names it: {@code <vm uuid>-<index>.img}. */
    private static String diskVolume(String vm, int index) {
        return api().get("/api/vms/" + vm).then().statusCode(200).extract().<String>path("uuid") + "-" + index + ".img";
    }

    private boolean qemuRuns() {
        return RealHypervisor.run("pgrep", "-f", "guest=" + vm + ",").exitCode() == 0;
    }

    private static String vncGreeting(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            byte[] greeting = socket.getInputStream().readNBytes(12);
            return new String(greeting, StandardCharsets.US_ASCII);
        }
    }
}
