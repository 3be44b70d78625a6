package dev.vireo.host;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Facts of the machine Vireo runs on, from /sys, /proc, /etc and the JDK (callers check {@link LocalMachine}). */
final class ThisMachine {

    private ThisMachine() {
    }

    /** The kernel module driving a network interface, from its device's driver link in /sys. */
    static Optional<String> kernelModule(String interfaceName) {
        Path module = Path.of("/sys/class/net", interfaceName, "device", "driver", "module");
        try {
            return Optional.of(module.toRealPath().getFileName().toString());
        } catch (IOException e) {
            return Optional.empty(); // virtual interfaces (bridges, bonds, VLANs) have no device
        }
    }

    /** The first IPv4 address of a network interface and its prefix length. */
    static Optional<InterfaceAddress> ipv4(String interfaceName) {
        try {
            NetworkInterface found = NetworkInterface.getByName(interfaceName);
            if (found == null) {
                return Optional.empty();
            }
            return found.getInterfaceAddresses().stream().filter(a -> a.getAddress() instanceof Inet4Address).findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    /** Every IPv4 address of this machine's interfaces, by interface name (empty when the JDK cannot list them). */
    static List<Map.Entry<String, InterfaceAddress>> ipv4Addresses() {
        List<Map.Entry<String, InterfaceAddress>> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                nic.getInterfaceAddresses().stream().filter(a -> a.getAddress() instanceof Inet4Address)
                        .forEach(a -> found.add(Map.entry(nic.getName(), a)));
            }
        } catch (SocketException e) {
            return found;
        }
        return found;
    }

    /** The text of a file, empty when it cannot be read. */
    static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
