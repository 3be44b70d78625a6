package dev.vireo.domain;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import jakarta.json.JsonObject;
import java.util.Set;
import org.w3c.dom.Document;

/** One device as its JSON form gave it ({@code {"disk": {…}}}): the XML libvirt attaches, and that form. */
public record RawDevice(String kind, Document xml, JsonObject json) {

    /** The elements libvirt's {@code <devices>} holds (domain XML format). */
    public static final Set<String> KINDS = Set.of("disk", "controller", "lease", "filesystem", "interface", "input",
            "sound", "hostdev", "graphics", "video", "console", "serial", "parallel", "channel", "redirdev",
            "redirfilter", "smartcard", "tpm", "rng", "memballoon", "watchdog", "panic", "shmem", "memory", "iommu",
            "vsock", "hub", "crypto", "audio", "nvram");

    public static RawDevice parse(String body) {
        JsonObject json = BoundedJson.readObject(body);
        if (json.size() != 1 || !KINDS.contains(json.keySet().iterator().next())) {
            throw new VireoException(ErrorCode.XEN_INVALID_DEFINITION, "a device is one key, its element: one of "
                    + KINDS.stream().sorted().toList() + ", not " + json.keySet());
        }
        String kind = json.keySet().iterator().next();
        return new RawDevice(kind, DomainJson.toXml(json, kind), json);
    }
}
