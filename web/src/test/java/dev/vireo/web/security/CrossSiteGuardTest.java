package dev.vireo.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.security.Authenticator.Carrier;
import org.junit.jupiter.api.Test;

class CrossSiteGuardTest {

    private static final String OWN = "http://vireo.example:8080";
    private static final Credentials COOKIE = new Credentials(null, null, "vrs_x.y", Carrier.SESSION_COOKIE);
    private static final Credentials BASIC = new Credentials("alice", "secret", null, null);
    private static final Credentials TOKEN = new Credentials(null, null, "vrt_x.y", Carrier.TOKEN_HEADER);

    private static CrossSiteGuard.Request post(String origin, String referer, String requestedWith) {
        return new CrossSiteGuard.Request("POST", false, origin, referer, requestedWith, OWN);
    }

    @Test
    void aCookieChangeNeedsItsOwnOriginAndTheCustomHeader() {
        assertThat(CrossSiteGuard.refusal(post(OWN, null, "XMLHttpRequest"), COOKIE, false)).isNull();
        assertThat(CrossSiteGuard.refusal(post("http://VIREO.example:8080", null, "x"), COOKIE, false)).isNull();
        assertThat(CrossSiteGuard.refusal(post(OWN, null, null), COOKIE, false)).contains("X-Requested-With");
        assertThat(CrossSiteGuard.refusal(post("http://evil.example", null, "x"), COOKIE, false)).contains("Origin");
        // another port of the same host is the same site, not the same origin
        assertThat(CrossSiteGuard.refusal(post("http://vireo.example:9090", null, "x"), COOKIE, false)).isNotNull();
        assertThat(CrossSiteGuard.refusal(post("https://vireo.example:8080", null, "x"), COOKIE, false)).isNotNull();
        assertThat(CrossSiteGuard.refusal(post("null", null, "x"), COOKIE, false)).isNotNull();
        assertThat(CrossSiteGuard.refusal(post(null, null, "x"), COOKIE, false)).isNotNull();
        // without an Origin, the Referer's origin counts
        assertThat(CrossSiteGuard.refusal(post(null, OWN + "/console/vms.xhtml?x=1", "x"), COOKIE, false)).isNull();
        assertThat(CrossSiteGuard.refusal(post(null, "http://evil.example/", "x"), COOKIE, false)).isNotNull();
    }

    @Test
    void consolePostbacksNeedTheOriginOnly() {
        assertThat(CrossSiteGuard.refusal(post(OWN, null, null), COOKIE, true)).isNull();
        assertThat(CrossSiteGuard.refusal(post("http://evil.example", null, null), COOKIE, true)).isNotNull();
    }

    @Test
    void readsAndNonAmbientCredentialsPass() {
        CrossSiteGuard.Request get = new CrossSiteGuard.Request("GET", false, "http://evil.example", null, null, OWN);
        assertThat(CrossSiteGuard.refusal(get, COOKIE, false)).isNull();
        assertThat(CrossSiteGuard.refusal(post("http://evil.example", null, null), TOKEN, false)).isNull();
    }

    @Test
    void basicCredentialsFromAProgramPassFromAnotherSitesPageNot() {
        assertThat(CrossSiteGuard.refusal(post(null, null, null), BASIC, false)).isNull();
        assertThat(CrossSiteGuard.refusal(post(OWN, null, null), BASIC, false)).isNull();
        assertThat(CrossSiteGuard.refusal(post("http://evil.example", null, null), BASIC, false)).isNotNull();
    }

    @Test
    void aWebSocketFromAPageMustBeOpenedFromOneOfOurOwn() {
        CrossSiteGuard.Request own = new CrossSiteGuard.Request("GET", true, OWN, null, null, OWN);
        CrossSiteGuard.Request other = new CrossSiteGuard.Request("GET", true, "http://vireo.example:9090", null, null, OWN);
        CrossSiteGuard.Request none = new CrossSiteGuard.Request("GET", true, null, null, null, OWN);
        assertThat(CrossSiteGuard.refusal(own, COOKIE, true)).isNull();
        assertThat(CrossSiteGuard.refusal(other, COOKIE, true)).isNotNull();
        // a program (no Origin) is no page another site could have made it from
        assertThat(CrossSiteGuard.refusal(none, BASIC, true)).isNull();
    }

    @Test
    void originsAreComparedWithTheirPorts() {
        assertThat(CrossSiteGuard.normalize("http://h")).isEqualTo("http://h:80");
        assertThat(CrossSiteGuard.normalize("https://h/")).isEqualTo("https://h:443");
        assertThat(CrossSiteGuard.normalize("http://[::1]:8080")).isEqualTo(CrossSiteGuard.origin("http", "::1", 8080));
        assertThat(CrossSiteGuard.normalize("not a url")).isNull();
    }
}
