package dev.vireo.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void anUploadIsResumedOnlyAtTheOffsetItWasKeptAt() {
        ImageDigests digests = new ImageDigests();
        MessageDigest digest = Sha256.newDigest();
        digest.update(new byte[] {1, 2, 3});
        digests.keep("v.qcow2", 3, new ImageDigests.Upload(digest, java.util.Optional.empty()));

        assertThat(digests.resume("v.qcow2", 2)).isEmpty();
        assertThat(digests.resume("other.qcow2", 3)).isEmpty();
        ImageDigests.Upload resumed = digests.resume("v.qcow2", 3).orElseThrow();
        assertThat(resumed.digest()).isNotSameAs(digest);
        assertThat(resumed.file()).isEmpty();
        MessageDigest expected = Sha256.newDigest();
        expected.update(new byte[] {1, 2, 3});
        assertThat(resumed.digest().digest()).isEqualTo(expected.digest());
        digests.forget("v.qcow2");
        assertThat(digests.resume("v.qcow2", 3)).isEmpty();
    }
}
