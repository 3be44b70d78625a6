package dev.vireo.host;

import dev.vireo.libvirt.HostNode;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.security.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/** The host machine: what it is, and how busy it is. */
@Stateless
@RolesAllowed(Permission.HOST_READ)
public class HostService {

    @EJB
    HostConnections hosts;

    @EJB
    HostStatsSampler sampler;

    public HostView get() {
        HostGateways host = hosts.local();
        HostNode node = host.host().node();
        OsRelease os = LocalMachine.isLocal(host.ref())
                ? ThisMachine.read("/etc/os-release").or(() -> ThisMachine.read("/usr/lib/os-release"))
                        .map(OsRelease::parse).orElse(OsRelease.UNKNOWN)
                : OsRelease.UNKNOWN;
        String cpuModel = LocalMachine.isRealLocal(host.ref())
                ? ThisMachine.read("/proc/cpuinfo").map(HostService::cpuModelName).orElse(node.cpuModel())
                : node.cpuModel();
        int present = node.sockets() * node.coresPerSocket() * node.threadsPerCore();
        return new HostView(node.hostname(), os.distro(), os.version(), os.codename(), node.arch(), cpuModel,
                new HostView.Cpus(node.cpus(), Math.max(0, present - node.cpus()), node.sockets(), node.coresPerSocket(),
                        node.threadsPerCore(), node.mhz()),
                new HostView.Memory(node.memoryBytes(), 0), node.hypervisor(), version(node.hypervisorVersion()),
                version(node.libvirtVersion()));
    }

    public HostStatsView stats() {
        LocalMachine.require(hosts.local().ref(), "Host statistics");
        return sampler.latest();
    }

    public HostStatsHistory history() {
        LocalMachine.require(hosts.local().ref(), "Host statistics");
        return HostStatsHistory.of(sampler.history());
    }

    /** 9000000 → 9.0.0 */
    static String version(long encoded) {
        return encoded / 1_000_000 + "." + encoded / 1_000 % 1_000 + "." + encoded % 1_000;
    }

    /** The first "model name" of /proc/cpuinfo (x86; other architectures name it otherwise), else null. */
    static String cpuModelName(String cpuinfo) {
        return cpuinfo.lines().filter(line -> line.startsWith("model name")).map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst().orElse(null);
    }
}
