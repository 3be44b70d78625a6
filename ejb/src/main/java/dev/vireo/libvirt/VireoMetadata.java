package dev.vireo.libvirt;

import java.util.List;

/**
 * What Vireo keeps in a domain's {@code <metadata>} under its own namespace: the template the VM
 * came from, the account that created it, the volumes created for it (DELETE removes exactly
 * those), the users and groups it is shared with, and the API token it was created with (its
 * public id; vmpooler lists a token's VMs).
 */
public record VireoMetadata(String template, String owner, List<OwnedVolume> volumes, List<String> users,
                            List<String> groups, String token) {

    public VireoMetadata(String template, String owner, List<OwnedVolume> volumes, List<String> users,
                         List<String> groups) {
        this(template, owner, volumes, users, groups, null);
    }

    public static final String NAMESPACE = "https://vireo.dev/xmlns/vm/1";
    public static final String PREFIX = "vireo";
    public static final VireoMetadata NONE = new VireoMetadata(null, null, List.of(), List.of(), List.of());

    public record OwnedVolume(String pool, String name) {
    }
}
