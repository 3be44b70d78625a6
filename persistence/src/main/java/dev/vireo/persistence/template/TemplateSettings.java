package dev.vireo.persistence.template;

import java.util.List;

/**
 * Everything a template says about the VMs made from it, already validated and with defaults
 * filled in. Memory in MiB.
 *
 * @param cdrom    an ISO: a volume path or a URL; null for none
 * @param graphics null for a VM without display
 * @param topology null without an explicit CPU topology
 */
public record TemplateSettings(
        List<String> folder,
        String icon,
        String osDistro,
        String osVersion,
        int memoryMib,
        int maxMemoryMib,
        String cdrom,
        List<String> networks,
        List<TemplateDisk> disks,
        Graphics graphics,
        int vcpus,
        int maxVcpus,
        Topology topology) {

    public record Graphics(String type, String listen) {
    }

    public record Topology(int sockets, int cores, int threads) {
        public int vcpus() {
            return sockets * cores * threads;
        }
    }
}
