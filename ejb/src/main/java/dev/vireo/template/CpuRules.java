package dev.vireo.template;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.template.TemplateSettings;

/**
 * The seed's cpu_info rule, for templates and VMs alike: with a topology, maxvcpus is
 * sockets × cores × threads and vcpus (default maxvcpus) a multiple of cores × threads; without
 * one, vcpus defaults to 1 and maxvcpus to vcpus.
 */
public final class CpuRules {

    static final int MAX_VCPUS = 4096;

    /** The vCPU settings a cpu_info asks for. */
    public record Cpu(int vcpus, int maxVcpus, TemplateSettings.Topology topology) {
    }

    private CpuRules() {
    }

    public static Cpu resolve(TemplateRequest.CpuInfo info) {
        if (info == null) {
            return new Cpu(1, 1, null);
        }
        TemplateRequest.Topology requested = info.topology();
        if (requested == null) {
            int vcpus = info.vcpus() != null ? info.vcpus() : 1;
            int max = info.maxvcpus() != null ? info.maxvcpus() : vcpus;
            if (vcpus < 1 || max > MAX_VCPUS) {
                throw new VireoException(ErrorCode.INVALID_CPU, "vcpus (" + vcpus + ") and maxvcpus (" + max
                        + ") must lie between 1 and " + MAX_VCPUS);
            }
            if (vcpus > max) {
                throw new VireoException(ErrorCode.INVALID_CPU, "vcpus (" + vcpus + ") exceeds maxvcpus (" + max + ")");
            }
            return new Cpu(vcpus, max, null);
        }
        if (requested.sockets() == null || requested.cores() == null || requested.threads() == null) {
            throw new VireoException(ErrorCode.INVALID_CPU, "a topology needs sockets, cores and threads");
        }
        if (requested.sockets() < 1 || requested.cores() < 1 || requested.threads() < 1) {
            throw new VireoException(ErrorCode.INVALID_CPU, "sockets, cores and threads must be at least 1, not "
                    + requested.sockets() + ", " + requested.cores() + ", " + requested.threads());
        }
        TemplateSettings.Topology topology =
                new TemplateSettings.Topology(requested.sockets(), requested.cores(), requested.threads());
        long product = (long) topology.sockets() * topology.cores() * topology.threads();
        if (product > MAX_VCPUS) {
            throw new VireoException(ErrorCode.INVALID_CPU, "the topology makes " + product + " vCPUs, more than "
                    + MAX_VCPUS);
        }
        int max = info.maxvcpus() != null ? info.maxvcpus() : (int) product;
        if (max != product) {
            throw new VireoException(ErrorCode.INVALID_CPU, "maxvcpus (" + max + ") must be sockets × cores × threads ("
                    + product + ")");
        }
        int vcpus = info.vcpus() != null ? info.vcpus() : max;
        int perSocket = topology.cores() * topology.threads();
        if (vcpus < 1 || vcpus > max || vcpus % perSocket != 0) {
            throw new VireoException(ErrorCode.INVALID_CPU, "vcpus (" + vcpus + ") must be a multiple of cores × threads ("
                    + perSocket + ") up to maxvcpus (" + max + ")");
        }
        return new Cpu(vcpus, max, topology);
    }
}
