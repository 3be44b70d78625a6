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
    void listsTheCatalogueOfInstallMediaForTheHostsArchitectureAndTheHostsIsoImages() {
        // the shipped catalogue, for the test driver's i686 host: the x86 entries, not the aarch64 one
        for (String root : java.util.List.of("/api", "/plugins/kimchi")) {
            api().get(root + "/config/distros").then().statusCode(200)
                    .body("name", org.hamcrest.Matchers.hasItems("Fedora 41", "Debian 12"))
                    .body("name", not(org.hamcrest.Matchers.hasItem("Fedora 41 aarch64")))
                    .body("find { it.name == 'Debian 12' }.os_distro", equalTo("debian"))
                    .body("find { it.name == 'Debian 12' }.os_version", equalTo("12"))
                    .body("find { it.name == 'Debian 12' }.os_arch", equalTo("x86_64"))
                    .body("find { it.name == 'Debian 12' }.path", startsWith("https://"));
            // a name with a space, as Kimchi names its distributions
            api().get(root + "/config/distros/Fedora 41").then().statusCode(200)
                    .body("name", equalTo("Fedora 41")).body("os_distro", equalTo("fedora"))
                    .body("os_version", equalTo("41"));
        }
        // the test driver's only pool holds no ISO image (RealHypervisorIT recognises real ones)
        api().get("/api/config/distros/fedora.iso").then()
                .statusCode(404)
                .body("code", equalTo("DIST0001E"))
                .body("reason", equalTo("No distribution named fedora.iso in the catalogue or among the ISO images"
                        + " of active storage pools"));
        api().urlEncodingEnabled(false).get("/api/config/distros/bad%01name").then().statusCode(400).body("code", equalTo("API0002E"));
    }

    @Test
    void probesTheHostForItsCapabilitiesAndLeavesNothingBehind() {
        // the test driver accepts every network disk protocol and SPICE graphics
        api().get("/api/config/capabilities").then()
                .statusCode(200)
                .body("libvirt_stream_protocols", contains("http", "https", "ftp", "ftps", "tftp"))
                .body("qemu_spice", equalTo(true))
                .body("qemu_stream", equalTo(true))
                .body("screenshot", nullValue())
                // measured on the host: libvirt answers; the test driver is no QEMU and has no IOMMU groups
                .body("libvirtd_running", equalTo(true))
                .body("mem_hotplug_support", equalTo(false))
                .body("kernel_vfio", equalTo(false))
                .body("nm_running", org.hamcrest.Matchers.instanceOf(Boolean.class));
        api().get("/plugins/kimchi/config/capabilities").then().statusCode(200)
                .body("$", org.hamcrest.Matchers.hasKey("nm_running"));
        api().get("/api/vms").then().body("name", everyItem(not(startsWith("vireo-probe"))));
    }
}
