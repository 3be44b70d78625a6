package dev.vireo.host;

import java.io.Serializable;

/**
 * The host machine. What libvirt reports (CPUs, memory, versions, host name) is always there; the
 * distribution and the CPU's marketing name are null where they cannot be read (see {@link LocalMachine}).
 *
 * @param host              the host name
 * @param architecture      {@code x86_64}, {@code aarch64}, …
 * @param hypervisorVersion and {@code libvirtVersion} as {@code major.minor.release}
 */
public record HostView(String host, String osDistro, String osVersion, String osCodename, String architecture,
                       String cpuModel, Cpus cpus, Memory memory, String hypervisor, String hypervisorVersion,
                       String libvirtVersion) implements Serializable {

    /**
     * @param online  the logical CPUs in use
     * @param offline those present but switched off
     * @param sockets CPU sockets; {@code cores} per socket, {@code threads} per core
     * @param mhz     the CPUs' clock
     */
    public record Cpus(int online, int offline, int sockets, int cores, int threads, int mhz) implements Serializable {
    }

    /** Bytes of memory in use by the host ({@code online}) and not ({@code offline}; 0 where none can be). */
    public record Memory(long online, long offline) implements Serializable {
    }
}
