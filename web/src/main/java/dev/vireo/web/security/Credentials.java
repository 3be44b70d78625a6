package dev.vireo.web.security;

import dev.vireo.security.Authenticator.Carrier;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a request presents to prove who sends it: a user and password, or a bearer secret and how
 * it came (the header, the cookie or {@code Authorization: Bearer}).
 */
record Credentials(String user, String password, String bearer, Carrier carrier) {

    static final String TOKEN_HEADER = "X-AUTH-TOKEN";
    static final String SESSION_COOKIE = "VIREO_SESSION";

    /** The request's credentials, or null when it presents none (a malformed header counts as wrong ones). */
    static Credentials of(HttpServletRequest request) {
        String token = request.getHeader(TOKEN_HEADER);
        if (token != null) {
            return new Credentials(null, null, token, Carrier.TOKEN_HEADER);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            return fromAuthorization(authorization);
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (SESSION_COOKIE.equals(cookie.getName())) {
                    return new Credentials(null, null, cookie.getValue(), Carrier.SESSION_COOKIE);
                }
            }
        }
        return null;
    }

    static Credentials fromAuthorization(String authorization) {
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String value = space < 0 ? "" : authorization.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return new Credentials(null, null, value, Carrier.BEARER);
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1), null, null);
                }
            } catch (IllegalArgumentException malformed) {
                // falls through to credentials that cannot match
            }
        }
        return new Credentials(null, null, "", Carrier.BEARER);
    }

    /** Whether the browser sends these by itself, to any page's request: the cookie, and remembered Basic credentials. */
    boolean ambient() {
        return carrier == Carrier.SESSION_COOKIE || bearer == null;
    }
}
