package dev.vireo.vm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The two files of a cloud-init NoCloud seed that sets a guest user's password at the guest's
 * next boot: {@code meta-data} (a new instance id, so cloud-init runs its per-instance modules,
 * {@code chpasswd} among them, again) and {@code user-data} (a cloud-config with the password as a
 * SHA-512 crypt hash, never in clear, and SSH password log-in allowed). Both written by a YAML
 * library from maps: what a caller gives is always a YAML scalar, never YAML syntax.
 */
public record CloudInitSeed(String metaData, String userData) {

    /** The volume label cloud-init looks for. */
    public static final String LABEL = "cidata";
    public static final String META_DATA = "meta-data";
    public static final String USER_DATA = "user-data";

    public static CloudInitSeed forPassword(String instanceId, String hostname, String user, String passwordHash) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("instance-id", instanceId);
        meta.put("local-hostname", hostname);

        Map<String, Object> account = new LinkedHashMap<>();
        account.put("name", user);
        account.put("password", passwordHash);
        account.put("type", "hash");
        Map<String, Object> chpasswd = new LinkedHashMap<>();
        chpasswd.put("expire", false);
        chpasswd.put("users", List.of(account));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("chpasswd", chpasswd);
        config.put("ssh_pwauth", true);
        if ("root".equals(user)) {
            // cloud images lock root's log-in by default; a password set for root is meant to be used
            config.put("disable_root", false);
        }
        return new CloudInitSeed(yaml().dump(meta), "#cloud-config\n" + yaml().dump(config));
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(false);
        return new Yaml(options);
    }
}
