package dev.vireo.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.vireo.TestAccounts;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The images page: a file uploaded through the browser in chunks becomes a ready image of that
 * content (its SHA-256, its bytes through the download link the page offers), the catalogue is
 * searched by tag and owner, and a delete is refused with the VMs using the image named, then
 * done once they are gone.
 */
class ConsoleImagesIT extends ConsoleTestBase {

    private final List<String> vms = new ArrayList<>();
    private final List<String> images = new ArrayList<>();

    @Deployment(name = "vireo", testable = false)
    @TargetsContainer("vireo")
    static EnterpriseArchive deployment() {
        return ear();
    }

    @AfterEach
    void removeWhatTheTestMade() {
        vms.forEach(vm -> admin().delete("/api/vms/" + vm));
        images.forEach(image -> admin().delete("/api/images/" + image));
    }

    @Test
    void anOperatorUploadsFindsDownloadsAndDeletesAnImage() throws Exception {
        Path file = randomFile(3);
        byte[] bytes = Files.readAllBytes(file);
        String checksum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String name = "base-" + suffix;
        String tag = "tag-" + suffix;
        browser = Browser.open(BASE);
        browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.click(By.id("menu:images"));
        browser.awaitText(By.tagName("h1"), "Images");

        // upload: the image is made, then the file goes in chunks of 2 MiB; the page says when it is ready
        browser.click(By.cssSelector("#upload-image .ui-panel-titlebar-icon"));
        browser.awaitStill();
        browser.type("upload-image:name", name);
        browser.type("upload-image:tags", tag + ", linux");
        browser.driver.findElement(By.cssSelector("#upload-image\\:file input[type=file]")).sendKeys(file.toString());
        browser.awaitText(By.id("upload-image:file"), file.getFileName().toString());
        browser.click(By.cssSelector("#upload-image\\:file .ui-fileupload-upload"));
        browser.awaitText(INFOS, "Uploaded " + bytes.length + " bytes into image " + name + ": ready, SHA-256 " + checksum);
        String id = admin().get("/api/images?name=" + name).then().statusCode(200).extract().path("[0].id");
        images.add(id);
        admin().get("/api/images/" + id).then().statusCode(200).body("state", equalTo("ready")).body("kind", equalTo("disk"))
                .body("size", equalTo(bytes.length)).body("checksum", equalTo(checksum)).body("owner", equalTo("admin"));
        assertThat(admin().accept(ContentType.BINARY).get("/api/images/" + id + "/content").then().statusCode(200).extract()
                .asByteArray()).isEqualTo(bytes);
        browser.awaitText(By.xpath(row(name)), checksum);

        // search: by tag and owner it is found, by a tag it lacks it is not
        browser.type("search:tags", tag);
        browser.type("search:owner", "admin");
        browser.click("search:find");
        browser.awaitText(By.id("images:table"), name);
        browser.type("search:tags", "none-" + suffix);
        browser.click("search:find");
        browser.awaitText(By.id("images:table"), "No image.");
        browser.type("search:tags", tag);
        browser.click("search:find");
        browser.awaitText(By.id("images:table"), name);
        browser.screenshot("images");

        // the download link serves the content to the signed-in browser
        String href = browser.driver.findElement(By.xpath(button(name, "download"))).getAttribute("href");
        assertThat(href).endsWith("/api/images/" + id + "/content");
        Object fetched = browser.script("var x = new XMLHttpRequest(); x.open('GET', arguments[0], false); x.send();"
                + " return x.status + ' ' + x.getResponseHeader('Content-Length');", href);
        assertThat(fetched).isEqualTo("200 " + bytes.length);

        // in use by a VM: the delete is refused, naming the VM, and the image stays
        String vm = "img-vm-" + suffix;
        vms.add(vm);
        String task = admin().contentType(ContentType.JSON).body("{\"name\": \"" + vm + "\", \"host\": \"local\", \"storagepool\": \"default-pool\", "
                        + "\"spec\": {\"cpus\": 1, \"memory\": 64, \"disks\": [16], \"from_image\": \"" + id + "\"}}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        String status = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> admin().get("/api/tasks/" + task).then().extract().<String>path("status"),
                        now -> !"running".equals(now));
        assertThat(status).isEqualTo("finished");
        browser.click(By.xpath(button(name, "delete")));
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(ERRORS, "IMG0021E");
        browser.awaitText(ERRORS, vm);
        browser.screenshot("images-in-use");
        admin().get("/api/images/" + id).then().statusCode(200);

        // unused, it goes
        admin().delete("/api/vms/" + vm).then().statusCode(204);
        browser.click(By.xpath(button(name, "delete")));
        browser.click(By.cssSelector("[id$='confirm-yes']"));
        browser.awaitText(INFOS, "Image " + name + " deleted with its content");
        admin().get("/api/images/" + id).then().statusCode(404);
    }

    private static String row(String name) {
        return "//*[@id='images:table']//tr[td[.//strong[normalize-space()='" + name + "']]]";
    }

    /** The element of the image's row whose id ends in {@code :id}. */
    private static String button(String name, String id) {
        return row(name) + "//*[substring(@id, string-length(@id) - " + id.length() + ") = ':" + id + "']";
    }

    private static Path randomFile(int mib) throws IOException {
        Path directory = Files.createDirectories(Path.of("target", "console-uploads"));
        byte[] bytes = new byte[mib << 20];
        new Random(mib + 17).nextBytes(bytes);
        return Files.write(directory.resolve("image-" + mib + "mib.img"), bytes).toAbsolutePath();
    }
}
