package dev.vireo.config;

import dev.vireo.libvirt.HostFeatures;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.HostRef;
import dev.vireo.libvirt.HostNode;
import dev.vireo.security.Permission;
import dev.vireo.vm.ScreenshotService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Vireo's configuration and the managed host's capabilities. A host's features are probed once
 * (probing defines throw-away domains) and kept for the life of the application.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@RolesAllowed(Permission.HOST_READ)
public class ConfigService {

    private static final String VERSION = readVersion();

    @EJB
    HostConnections hosts;

    @EJB
    ScreenshotService screenshots;

    private final Map<HostRef, HostFeatures> features = new ConcurrentHashMap<>();

    public ConfigView config() {
        // Vireo bundles no SPICE HTML5 client (yet): browsers get noVNC only
        return new ConfigView(VERSION, false);
    }

    public CapabilitiesView capabilities() {
        HostGateways local = hosts.local();
        Optional<HostNode> node = HostChecks.node(local);
        HostFeatures host = features.computeIfAbsent(local.ref(), ref -> local.host().probeFeatures());
        boolean apt = onPath("apt-get");
        boolean yum = onPath("dnf") || onPath("yum");
        return new CapabilitiesView(
                host.streamProtocols(),
                host.spice(),
                !host.streamProtocols().isEmpty(),
                screenshots.hostCanCapture(),
                onPath("sosreport") || onPath("sos"),
                apt || yum || onPath("zypper"),
                apt ? "deb" : yum ? "yum" : null,
                node.map(HostChecks::memoryHotplug).orElse(false),
                node.isPresent() && HostChecks.iommuGroups(local),
                HostChecks.networkManagerRunning(local.ref(), Path.of("/proc")),
                node.isPresent());
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static String readVersion() {
        try (InputStream in = ConfigService.class.getResourceAsStream("/META-INF/vireo-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
