package dev.vireo.vmpool;

import java.util.List;

/**
 * A VM pool to create, or the fields of one to change (those left out stay as they are).
 *
 * @param aliases         other names a checkout may use for it
 * @param template        the template its VMs are cloned from
 * @param size            how many VMs it keeps ready
 * @param defaultLifetime hours a checked-out VM lives unless extended (24 when left out)
 * @param maxLifetime     hours a checked-out VM may be given at most (168 when left out)
 * @param computepool     the compute pool its VMs are placed in (pool {@code default} when left out)
 * @param host            the one host its VMs go to, instead
 * @param domain          the DNS suffix of its VMs' host names, as vmpooler answers it
 */
public record VmPoolRequest(String name, List<String> aliases, String template, Integer size, Integer defaultLifetime,
                            Integer maxLifetime, String computepool, String host, String domain) {
}
