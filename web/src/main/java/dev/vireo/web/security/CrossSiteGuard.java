package dev.vireo.web.security;

import dev.vireo.security.Authenticator.Carrier;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses requests another site's page may have made with credentials the browser adds by itself
 * (the session cookie, remembered Basic credentials). SameSite=Strict does not cover another port
 * of the same host, which is the same site. A state-changing request with the session cookie must
 * come from a page of Vireo's own origin (its Origin, or lacking one its Referer, says so) and, unless
 * it is a console (Faces) postback, which its view state protects, carry {@code X-Requested-With},
 * which a cross-site form cannot send; one with Basic credentials is refused when its Origin is
 * another. A WebSocket (the web console) opened from a page must be opened from one of Vireo's.
 */
final class CrossSiteGuard {

    static final String REQUESTED_WITH = "X-Requested-With";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /** The headers that say where a request comes from, and the origin it was sent to. */
    record Request(String method, boolean webSocket, String origin, String referer, String requestedWith, String own) {

        static Request of(HttpServletRequest request) {
            return new Request(request.getMethod(), "websocket".equalsIgnoreCase(request.getHeader("Upgrade")),
                    request.getHeader("Origin"), request.getHeader("Referer"), request.getHeader(REQUESTED_WITH),
                    CrossSiteGuard.origin(request.getScheme(), request.getServerName(), request.getServerPort()));
        }
    }

    private CrossSiteGuard() {
    }

    /** Why the request is refused; null when it may go on. {@code console}: a page of the Faces console. */
    static String refusal(Request request, Credentials credentials, boolean console) {
        if (request.webSocket()) {
            // browsers always send the Origin of a WebSocket's page; programs need not
            return request.origin() == null || request.own().equals(normalize(request.origin())) ? null
                    : "a WebSocket must be opened from a page of " + request.own();
        }
        if (SAFE_METHODS.contains(request.method()) || !credentials.ambient()) {
            return null;
        }
        if (credentials.carrier() == Carrier.SESSION_COOKIE) {
            String source = request.origin() != null ? normalize(request.origin()) : normalize(request.referer());
            if (!request.own().equals(source)) {
                return "a change signed in with the session cookie must come from a page of " + request.own()
                        + " (its Origin or Referer)";
            }
            if (!console && (request.requestedWith() == null || request.requestedWith().isBlank())) {
                return "a change signed in with the session cookie must carry the header " + REQUESTED_WITH;
            }
            return null;
        }
        // Basic credentials a browser remembered: scripts send no Origin, other sites' pages another one
        if (request.origin() != null && !request.own().equals(normalize(request.origin()))) {
            return "a change must come from a page of " + request.own() + " or from a program, not from another site";
        }
        return null;
    }

    /** scheme://host:port of a URL or origin, port always given; null for anything else (also "null"). */
    static String normalize(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return origin(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int p = port >= 0 ? port : s.equals("https") || s.equals("wss") ? 443 : 80;
        return s + "://" + (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + p;
    }
}
