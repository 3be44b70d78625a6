package dev.vireo.libvirt;

import java.util.ArrayList;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * What a host's hypervisor accepts, found by probing it ({@link FeatureProbe}).
 *
 * @param streamProtocols the protocols a CD-ROM can be streamed over
 * @param spice           whether SPICE graphics are accepted
 */
public record HostFeatures(List<String> streamProtocols, boolean spice) {

    static final List<String> STREAM_PROTOCOLS = List.of("http", "https", "ftp", "ftps", "tftp");

    static HostFeatures probe(Connect connect) throws LibvirtException {
        HostCapabilities capabilities = HostCapabilities.fromXml(connect.getCapabilities());
        FeatureProbe probe = new FeatureProbe(connect, capabilities.preferredGuest());
        List<String> protocols = new ArrayList<>();
        for (String protocol : STREAM_PROTOCOLS) {
            if (probe.acceptsNetworkCdrom(protocol)) {
                protocols.add(protocol);
            }
        }
        return new HostFeatures(List.copyOf(protocols), probe.acceptsSpice());
    }
}
