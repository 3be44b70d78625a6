package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConfigIT {

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void reportsTheBuiltVersion() {
        api().get("/api/config").then()
                .statusCode(200)
                .body("version", equalTo(System.getProperty("vireo.version")))
                .body("with_spice_web_client", equalTo(false));
        api().get("/plugins/kimchi/config").then().statusCode(200)
                .body("version", equalTo(System.getProperty("vireo.version")));
    }

    @Test
    void listsTheDistributionsOfTheHostsIsoImages() {
        // the test driver's only pool holds no ISO image (RealHypervisorIT recognises real ones)
        api().get("/api/config/distros").then().statusCode(200).body("$", org.hamcrest.Matchers.empty());
        api().get("/api/config/distros/fedora.iso").then()
                .statusCode(404)
                .body("code", equalTo("DIST0001E"))
                .body("reason", equalTo("No ISO image named fedora.iso in an active storage pool"));
        api().get("/api/config/distros/bad name!").then().statusCode(400).body("code", equalTo("NAME0001E"));
    }

    @Test
    void probesTheHostForItsCapabilitiesAndLeavesNothingBehind() {
        // the test driver accepts every network disk protocol and SPICE graphics
        api().get("/api/config/capabilities").then()
                .statusCode(200)
                .body("libvirt_stream_protocols", contains("http", "https", "ftp", "ftps", "tftp"))
                .body("qemu_spice", equalTo(true))
                .body("qemu_stream", equalTo(true))
                .body("screenshot", nullValue());
        api().get("/api/vms").then().body("name", everyItem(not(startsWith("vireo-probe"))));
    }
}
