package dev.vireo.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Device;
import org.libvirt.Interface;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;

/**
 * The host machine as libvirt sees it: its node devices, its network interfaces, its CPUs and memory.
 * libvirt-java 0.5.4 has no binding of virConnectListAllNodeDevices, so a listing is the names
 * and then one lookup per device.
 */
final class HostOperations {

    private HostOperations() {
    }

    static List<NodeDevice> devices(Connect connect) throws LibvirtException {
        List<NodeDevice> devices = new ArrayList<>();
        for (String name : connect.listDevices(null)) {
            // a device unplugged since the listing is simply not there any more
            device(connect, name).ifPresent(devices::add);
        }
        return devices;
    }

    static Optional<NodeDevice> device(Connect connect, String name) throws LibvirtException {
        return Handles.with(() -> connect.deviceLookupByName(name), Device::free,
                device -> NodeDeviceXmlReader.read(device.getXMLDescription()));
    }

    static List<HostInterface> interfaces(Connect connect) throws LibvirtException {
        List<HostInterface> interfaces = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(connect.listInterfaces()));
        names.addAll(List.of(connect.listDefinedInterfaces()));
        for (String name : names) {
            hostInterface(connect, name).ifPresent(interfaces::add);
        }
        return interfaces;
    }

    static Optional<HostInterface> hostInterface(Connect connect, String name) throws LibvirtException {
        return Handles.with(() -> connect.interfaceLookupByName(name), Interface::free,
                found -> InterfaceXmlReader.read(found.getXMLDescription(0), found.isActive() == 1));
    }

    /** Defines and starts a host bridge from its interface XML; one that will not start is undefined again. */
    static HostInterface defineBridge(Connect connect, String xml) throws LibvirtException {
        Interface bridge = connect.interfaceDefineXML(xml);
        try {
            try {
                bridge.create();
            } catch (LibvirtException e) {
                bridge.undefine();
                throw e;
            }
            return InterfaceXmlReader.read(bridge.getXMLDescription(0), bridge.isActive() == 1);
        } finally {
            bridge.free();
        }
    }

    /** Stops (if needed) and undefines a host interface; false when there is none. */
    static boolean removeInterface(Connect connect, String name) throws LibvirtException {
        return Handles.with(() -> connect.interfaceLookupByName(name), Interface::free, found -> {
            if (found.isActive() == 1) {
                found.destroy();
            }
            found.undefine();
            return true;
        }).orElse(false);
    }

    static HostNode node(Connect connect, HostCapabilities capabilities) throws LibvirtException {
        NodeInfo info = connect.nodeInfo();
        return new HostNode(connect.getHostName(), capabilities.hostArch(), capabilities.hostCpuModel(), info.cpus,
                // libvirt counts sockets per NUMA node
                Math.max(1, info.nodes) * info.sockets, info.cores, info.threads, info.mhz, info.memory * Units.KIB,
                connect.getType(), connect.getVersion(), connect.getLibVersion());
    }
}
