package dev.vireo.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void aBufferFedInSlicesHasTheDigestOfTheWholeOfIt() throws Exception {
        byte[] bytes = new byte[(1 << 20) + 12345];
        new Random(7).nextBytes(bytes);
        for (int[] range : new int[][] {{0, bytes.length}, {3, bytes.length - 3}, {100, 16 << 10}, {5, 0}, {1, 1}}) {
            MessageDigest sliced = Sha256.newDigest();
            Sha256.update(sliced, bytes, range[0], range[1]);
            MessageDigest whole = Sha256.newDigest();
            whole.update(bytes, range[0], range[1]);
            assertThat(sliced.digest()).as("bytes %d..%d", range[0], range[0] + range[1]).isEqualTo(whole.digest());
        }
    }

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
