package dev.vireo.libvirt;

import java.util.List;

/**
 * Where a pool's storage comes from, as its libvirt definition says; fields a type does not have are
 * null (or empty). Never holds a password: only the CHAP user and the secret's UUID.
 */
public record PoolSource(String host, Integer port, String dir, List<String> devices, String name, String format,
                         String adapterType, String adapterName, String authUsername, String secretUuid) {

    public static final PoolSource NONE = new PoolSource(null, null, null, List.of(), null, null, null, null, null, null);

    public PoolSource {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }
}
