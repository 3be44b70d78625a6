package dev.vireo.vm;

import dev.vireo.libvirt.DomainNic;
import java.util.List;

/** A VM's network interface as the Kimchi API shows it. */
public record NicView(String mac, String type, String network, String bridge, String model, List<String> ips) {

    static NicView of(DomainNic nic) {
        return new NicView(nic.mac(), nic.type(), nic.network(), nic.bridge(), nic.model(), nic.ips());
    }
}
