package dev.vireo.storage;

import java.util.List;

/**
 * A storage pool to create (name, type, path, source) or change (autostart, disks), as the
 * Kimchi API names the fields.
 */
public record PoolRequest(String name, String type, String path, Source source, Boolean autostart,
                          List<String> disks) {

    public record Source(String host, String path, List<String> devices, String target, Integer port,
                         java.util.Map<String, String> auth, String adapterName, Boolean fromVg) {
    }
}
