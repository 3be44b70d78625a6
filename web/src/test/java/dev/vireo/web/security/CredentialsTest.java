package dev.vireo.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.security.Authenticator.Carrier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicGivesUserAndPasswordWhichMayHoldColons() {
        assertThat(Credentials.fromAuthorization(basic("alice:pa:ss wörd")))
                .isEqualTo(new Credentials("alice", "pa:ss wörd", null, null));
        assertThat(Credentials.fromAuthorization("basic " + Base64.getEncoder().encodeToString("a:b".getBytes())).user())
                .isEqualTo("a");
    }

    @Test
    void bearerGivesTheSecret() {
        assertThat(Credentials.fromAuthorization("Bearer vrt_x.y")).isEqualTo(new Credentials(null, null, "vrt_x.y", Carrier.BEARER));
    }

    @Test
    void anythingMalformedBecomesCredentialsThatCannotMatch() {
        for (String header : new String[] {"Basic !!!", basic("no-colon"), basic(":no-user"), "Digest abc", "Basic"}) {
            assertThat(Credentials.fromAuthorization(header)).as(header).isEqualTo(new Credentials(null, null, "", Carrier.BEARER));
        }
    }
}
