package dev.vireo.template;

import java.util.List;

/**
 * A template as a client sends it, to create one (POST) or change one (PUT): every field is
 * optional here; {@link TemplateRules} says which are required and fills in defaults.
 * Memory in MiB, disk sizes in GB, as in the Kimchi seed.
 */
public record TemplateRequest(
        String name,
        SourceMedia sourceMedia,
        String osDistro,
        String osVersion,
        Memory memory,
        List<String> networks,
        List<Disk> disks,
        Graphics graphics,
        CpuInfo cpuInfo,
        List<String> folder,
        String icon,
        String cdrom) {

    /** {@code netboot}, or {@code disk} with the path of an ISO, a disk image or a URL. */
    public record SourceMedia(String type, String path) {
    }

    public record Memory(Integer current, Integer maxmemory) {
    }

    public record Disk(Integer index, Integer size, String volume, String format, Pool pool) {
    }

    /** A pool by name or URI ({@code default}, {@code /plugins/kimchi/storagepools/default}); type is ignored. */
    public record Pool(String name, String type) {
    }

    /** type {@code vnc}, {@code spice}, or null for none. */
    public record Graphics(String type, String listen) {
    }

    public record CpuInfo(Integer vcpus, Integer maxvcpus, Topology topology) {
    }

    public record Topology(Integer sockets, Integer cores, Integer threads) {
    }
}
