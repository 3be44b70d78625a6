package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.Crypt;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class CloudInitSeedTest {

    private static final String HASH = Crypt.crypt("correct horse", "$6$saltsaltsalt");

    @Test
    void userDataIsACloudConfigThatSetsTheHashAndAllowsPasswordLogIn() {
        CloudInitSeed seed = CloudInitSeed.forPassword("iid-1", "web-1", "root", HASH);

        assertThat(seed.userData()).startsWith("#cloud-config\n").doesNotContain("correct horse");
        Map<String, Object> config = new Yaml().load(seed.userData());
        assertThat(config).containsEntry("ssh_pwauth", true).containsEntry("disable_root", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> chpasswd = (Map<String, Object>) config.get("chpasswd");
        assertThat(chpasswd).containsEntry("expire", false);
        assertThat(chpasswd.get("users")).isEqualTo(List.of(Map.of("name", "root", "password", HASH, "type", "hash")));
        assertThat(Crypt.crypt("correct horse", HASH)).isEqualTo(HASH);
    }

    @Test
    void metaDataNamesTheInstanceAndHost() {
        Map<String, Object> meta = new Yaml().load(CloudInitSeed.forPassword("iid-2", "web-2", "admin", HASH).metaData());

        assertThat(meta).isEqualTo(Map.of("instance-id", "iid-2", "local-hostname", "web-2"));
    }

    @Test
    void whatTheCallerGivesStaysAScalarWhateverItHolds() {
        String hostile = "x\nssh_pwauth: false\nruncmd: [rm -rf /]\n# ";
        CloudInitSeed seed = CloudInitSeed.forPassword("iid: 3", hostile, "ad'min\"", HASH);

        Map<String, Object> meta = new Yaml().load(seed.metaData());
        Map<String, Object> config = new Yaml().load(seed.userData());
        assertThat(meta).containsEntry("local-hostname", hostile).containsEntry("instance-id", "iid: 3");
        assertThat(config).containsOnlyKeys("chpasswd", "ssh_pwauth").containsEntry("ssh_pwauth", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> users = (List<Map<String, Object>>) ((Map<String, Object>) config.get("chpasswd")).get("users");
        assertThat(users.get(0)).containsEntry("name", "ad'min\"");
    }
}
