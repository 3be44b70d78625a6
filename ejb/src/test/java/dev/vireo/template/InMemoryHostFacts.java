package dev.vireo.template;

import dev.vireo.libvirt.PoolSummary;
import dev.vireo.libvirt.VolumeSummary;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A fixed host for the template tests: networks {@code default} and {@code isolated}, dir pools
 * {@code default} and {@code images}, 4096 MiB of memory, and two volumes in pool {@code default}:
 * an ISO ({@code fedora.iso}) and a disk image ({@code base.qcow2}). A plain test double, not a mock.
 */
record InMemoryHostFacts(Set<String> networks, Map<String, PoolSummary> pools, long memoryMib,
        Map<String, VolumeSummary> volumesByPath) implements HostFacts {

    static final String IMAGES_DIR = "/var/lib/libvirt/images";
    static final String FEDORA_ISO = IMAGES_DIR + "/fedora.iso";
    static final String BASE_QCOW2 = IMAGES_DIR + "/base.qcow2";

    static InMemoryHostFacts standard() {
        return new InMemoryHostFacts(
                Set.of("default", "isolated"),
                Map.of("default", new PoolSummary("default", "dir", true, IMAGES_DIR, 100L << 30, 200L << 30, 100L << 30, 2, true, true, dev.vireo.libvirt.PoolSource.NONE),
                        "images", new PoolSummary("images", "dir", true, "/srv/images", 100L << 30, 200L << 30, 100L << 30, 0, true, true, dev.vireo.libvirt.PoolSource.NONE)),
                4096,
                Map.of(FEDORA_ISO, new VolumeSummary("default", "fedora.iso", FEDORA_ISO, "iso", 2L << 30, 2L << 30, "file"),
                        BASE_QCOW2, new VolumeSummary("default", "base.qcow2", BASE_QCOW2, "qcow2", 10L << 30, 1L << 30, "file")));
    }

    @Override
    public Optional<VolumeSummary> volumeAt(String path) {
        return Optional.ofNullable(volumesByPath.get(path));
    }

    @Override
    public boolean volumeExists(String pool, String name) {
        return volumesByPath.values().stream().anyMatch(volume -> volume.pool().equals(pool)
                && volume.name().equals(name));
    }
}
