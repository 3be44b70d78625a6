package dev.vireo.vm;

import dev.vireo.persistence.vm.VmEvent;
import java.time.Instant;

/**
 * A lifecycle event of a VM as the API shows it.
 *
 * @param kind     libvirt's event: {@code started}, {@code stopped}, {@code suspended}, {@code resumed}, {@code crashed}, {@code defined}, …
 * @param detail   libvirt's detail of it ({@code booted}, {@code destroyed}, {@code shutdown}, …), null when none
 * @param node     the Vireo server that recorded it (the host's event listener then)
 * @param occurred when it was reported
 */
public record VmEventView(String kind, String detail, String node, Instant occurred) {

    static VmEventView of(VmEvent event) {
        return new VmEventView(event.getKind(), event.getDetail(), event.getNode(), event.getOccurred());
    }
}
