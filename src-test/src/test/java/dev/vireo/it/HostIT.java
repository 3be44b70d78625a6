package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The host on the test driver: its interface eth1 (192.168.0.5/24), its node devices (the
 * "computer", the Fibre Channel HBAs scsi_host1 and scsi_host2 with NPIV, and scsi_host11, a vHBA
 * under scsi_host1), its 16 CPUs in 2 NUMA nodes × 2 sockets × 2 cores × 2 threads with 3 GiB.
 * Partitions, volume groups, OVS bridges, the distribution and the load are this machine's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostIT {

    private static final List<String> TEST_DRIVER_DEVICES = List.of("computer", "scsi_host1", "scsi_host11", "scsi_host2");

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void listsTheHostInterfacesWithEverySeedField() {
        api().get("/api/interfaces").then().statusCode(200)
                .body("name", hasItem("eth1"))
                .body("find { it.name == 'eth1' }.type", equalTo("nic"))
                .body("find { it.name == 'eth1' }.status", equalTo("active"))
                .body("find { it.name == 'eth1' }.ipaddr", equalTo("192.168.0.5"))
                .body("find { it.name == 'eth1' }.netmask", equalTo("255.255.255.0"))
                .body("find { it.name == 'eth1' }.module", equalTo("unknown"))
                .body("find { it.name == 'eth1' }.nics", empty());
        Map<String, Object> eth1 = api().get("/plugins/kimchi/interfaces/eth1").then().statusCode(200)
                .body("name", equalTo("eth1")).body("ipaddr", equalTo("192.168.0.5")).extract().jsonPath().getMap("$");
        assertThat(eth1).containsOnlyKeys("name", "type", "status", "ipaddr", "netmask", "module", "nics", "vlan_id");
    }

    @Test
    void filtersInterfacesByUseInALibvirtNetwork() {
        // the test driver's only network, "default", is NAT on its own bridge: it takes no host interface
        api().get("/api/interfaces?_inuse=false").then().statusCode(200).body("name", hasItem("eth1"));
        api().get("/api/interfaces?_inuse=true").then().statusCode(200).body("name", not(hasItem("eth1")));
        api().get("/api/interfaces?_inuse=maybe").then().statusCode(400)
                .body("code", equalTo("HOST0016E")).body("reason", equalTo("Invalid filter _inuse=maybe: use true or false"));
    }

    @Test
    void anUnknownInterfaceIs404AndABadName400() {
        api().get("/api/interfaces/eth9").then().statusCode(404).body("code", equalTo("HOST0009E"))
                .body("reason", equalTo("The host has no network interface eth9"));
        api().get("/api/interfaces/e;reboot").then().statusCode(400).body("code", equalTo("HOST0008E"));
    }

    @Test
    void listsTheHostDevicesWithTheirAdapters() {
        api().get("/api/host/devices").then().statusCode(200)
                .body("name", contains(TEST_DRIVER_DEVICES.toArray()));
        api().get("/api/host/devices/scsi_host1").then().statusCode(200)
                .body("device_type", equalTo("scsi_host"))
                .body("parent", equalTo("computer"))
                .body("adapter.type", equalTo("fc_host"))
                .body("adapter.wwnn", equalTo("2000000012341234"))
                .body("adapter.wwpn", equalTo("1000000012341234"))
                .body("adapter.vport_ops", equalTo(true))
                .body("iommuGroup", nullValue())
                .body("domain", nullValue());
        Map<String, Object> device = api().get("/api/host/devices/scsi_host1").then().extract().jsonPath().getMap("$");
        assertThat(device).as("every seed field, null where it does not apply").containsOnlyKeys("device_type", "name",
                "path", "parent", "driver", "adapter", "domain", "bus", "slot", "function", "device", "vendor", "product",
                "iommuGroup", "multifunction", "vga3d", "interface");
        api().get("/plugins/kimchi/host/devices/computer").then().statusCode(200)
                .body("device_type", equalTo("system")).body("parent", nullValue());
    }

    @Test
    void filtersDevicesByCapabilityAndPassthrough() {
        api().get("/api/host/devices?_cap=fc_host").then().statusCode(200)
                .body("name", contains("scsi_host1", "scsi_host11", "scsi_host2"));
        api().get("/api/host/devices?_cap=vports").then().statusCode(200).body("name", contains("scsi_host1", "scsi_host2"));
        api().get("/api/host/devices?_cap=pci").then().statusCode(200).body("$", empty());
        api().get("/api/host/devices?_cap=toaster").then().statusCode(400).body("code", equalTo("HOST0016E"));
        // SCSI hosts and the system are not devices a VM can be given
        api().get("/api/host/devices?_passthrough=true").then().statusCode(200).body("$", empty());
        api().get("/api/host/devices?_passthrough=false").then().statusCode(200)
                .body("name", contains(TEST_DRIVER_DEVICES.toArray()));
        api().get("/api/host/devices?_passthrough=yes").then().statusCode(400).body("code", equalTo("HOST0016E"));
        api().get("/api/host/devices?_available_only=true").then().statusCode(200)
                .body("name", contains(TEST_DRIVER_DEVICES.toArray()));
    }

    @Test
    void aPassthroughWithoutIommuGroupsTakesTheDevicesChildren() {
        api().get("/api/host/devices?_passthrough_affected_by=scsi_host1").then().statusCode(200)
                .body("name", contains("scsi_host11"));
        api().get("/api/host/devices?_passthrough_affected_by=scsi_host2").then().statusCode(200).body("$", empty());
        api().get("/api/host/devices?_passthrough_affected_by=scsi_host1&_cap=scsi_host").then().statusCode(400)
                .body("code", equalTo("HOST0016E"));
        api().get("/api/host/devices?_passthrough_affected_by=pci_0000_00_19_0").then().statusCode(404)
                .body("code", equalTo("HOST0010E"));
    }

    @Test
    void anUnknownDeviceIs404AndABadName400() {
        api().get("/api/host/devices/pci_0000_00_19_0").then().statusCode(404).body("code", equalTo("HOST0010E"))
                .body("reason", equalTo("The host has no device pci_0000_00_19_0"));
        api().get("/api/host/devices/pci_0000_00_19_0/vmholders").then().statusCode(404).body("code", equalTo("HOST0010E"));
        api().get("/api/host/devices/-x").then().statusCode(400).body("code", equalTo("HOST0008E"));
    }

    @Test
    void noVmHoldsTheTestDriversDevices() {
        // The test driver has no PCI, USB or SCSI LUN device a domain's <hostdev> could name, and the
        // API assigns none yet: holders are proven by the unit tests of DomainHostdev.
        api().get("/api/host/devices/scsi_host1/vmholders").then().statusCode(200).body("$", empty());
        api().get("/api/host/devices/scsi_host1/vmholders/test").then().statusCode(404).body("code", equalTo("HOST0011E"))
                .body("reason", equalTo("Virtual machine test does not hold host device scsi_host1"));
        api().get("/api/host/devices/scsi_host1/vmholders/bad name").then().statusCode(400).body("code", equalTo("NAME0001E"));
    }

    @Test
    void listsThisMachinesPartitionsAndNoneInUseIsAvailable() {
        JsonPath partitions = api().get("/api/host/partitions").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> all = partitions.getList("$");
        for (Map<String, Object> partition : all) {
            assertThat(partition).containsOnlyKeys("name", "path", "type", "fstype", "size", "mountpoint", "available");
            assertThat((String) partition.get("path")).startsWith("/dev/");
            if (!"".equals(partition.get("mountpoint")) || !"".equals(partition.get("fstype"))) {
                assertThat(partition.get("available")).as(partition.toString()).isEqualTo(false);
            }
        }
        assertThat(all).as("the machine running the tests has a disk").isNotEmpty();
        String first = (String) all.get(0).get("name");
        api().get("/plugins/kimchi/host/partitions/" + first).then().statusCode(200).body("name", equalTo(first));
        api().get("/api/host/partitions/sdzz99").then().statusCode(404).body("code", equalTo("HOST0012E"));
        api().get("/api/host/partitions/a;b").then().statusCode(400).body("code", equalTo("HOST0008E"));
    }

    @Test
    void listsVolumeGroupsAndOvsBridgesOrNoneWithoutTheirTools() {
        List<Map<String, Object>> groups = api().get("/api/host/vgs").then().statusCode(200).extract().jsonPath().getList("$");
        for (Map<String, Object> group : groups) {
            assertThat(group).containsOnlyKeys("name", "lvs", "pvs", "free", "size");
            api().get("/api/host/vgs/" + group.get("name")).then().statusCode(200).body("name", equalTo(group.get("name")));
        }
        api().get("/api/host/vgs/no-such-vg").then().statusCode(404).body("code", equalTo("HOST0013E"));
        api().get("/api/host/vgs/..x").then().statusCode(400).body("code", equalTo("HOST0008E"));
        api().get("/api/ovsbridges").then().statusCode(200).body("$", notNullValue());
    }

    @Test
    void describesTheHost() {
        api().get("/api/host").then().statusCode(200)
                .body("host", not(equalTo("")))
                .body("hypervisor", equalTo("TEST"))
                .body("architecture", equalTo("i686"))
                .body("cpus.online", equalTo(16))
                .body("cpus.offline", equalTo(0))
                .body("cpus.sockets", equalTo(4))
                .body("cpus.cores", equalTo(2))
                .body("cpus.threads", equalTo(2))
                .body("memory.online", equalTo(3L << 30))
                .body("libvirt_version", matchesPattern("\\d+\\.\\d+\\.\\d+"))
                .body("hypervisor_version", matchesPattern("\\d+\\.\\d+\\.\\d+"))
                .body("os_distro", notNullValue())
                .body("os_version", notNullValue());
        assertThat(api().get("/api/host").jsonPath().getMap("$")).containsOnlyKeys("host", "os_distro", "os_version",
                "os_codename", "architecture", "cpu_model", "cpus", "memory", "hypervisor", "hypervisor_version",
                "libvirt_version");
    }

    @Test
    void samplesTheHostsUtilisation() {
        JsonPath stats = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api().get("/api/host/stats").then().statusCode(200).extract().jsonPath(),
                        json -> json.get("cpu_utilization") != null);
        assertThat(stats.getDouble("cpu_utilization")).isBetween(0.0, 100.0);
        assertThat(stats.getLong("memory.total")).isPositive();
        assertThat(stats.getLong("memory.avail")).isBetween(0L, stats.getLong("memory.total"));
        for (String rate : List.of("disk_read_rate", "disk_write_rate", "net_recv_rate", "net_sent_rate")) {
            assertThat(stats.getDouble(rate)).as(rate).isGreaterThanOrEqualTo(0.0);
        }
        JsonPath history = api().get("/api/host/stats/history").then().statusCode(200)
                .body("memory[0].total", greaterThan(0L)).extract().jsonPath();
        int samples = history.getList("cpu_utilization").size();
        assertThat(samples).isPositive();
        for (String measure : List.of("memory", "disk_read_rate", "disk_write_rate", "net_recv_rate", "net_sent_rate")) {
            assertThat(history.getList(measure)).as(measure).hasSize(samples);
        }
    }
}
