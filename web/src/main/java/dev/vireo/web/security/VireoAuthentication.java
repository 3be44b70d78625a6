package dev.vireo.web.security;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.security.Authenticator;
import dev.vireo.security.PresentedKey;
import dev.vireo.web.error.ErrorBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Vireo's authentication mechanism (Jakarta Security): HTTP Basic for scripts, an API token as
 * {@code X-AUTH-TOKEN}, a token or a session as {@code Authorization: Bearer}, or the session
 * cookie the console gets at login. The caller's permissions become its container roles, which the services'
 * {@code @RolesAllowed} check. Only the login itself needs no credentials, and in the console the
 * login page and static resources; a browser asking for another console page without a valid
 * session is sent to the login page instead of getting the API's JSON 401.
 */
@ApplicationScoped
public class VireoAuthentication implements HttpAuthenticationMechanism {

    @EJB
    Authenticator authenticator;

    @Inject
    PresentedKey presentedKey;

    private final Jsonb json = JsonbBuilder.create();

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        ConsolePaths.Kind console = ConsolePaths.of(request);
        if (console == ConsolePaths.Kind.PUBLIC) {
            // the login page, Faces resources and the console's static files need nobody
            return context.doNothing();
        }
        Credentials credentials = Credentials.of(request);
        if (credentials == null) {
            if (console == ConsolePaths.Kind.PAGE) {
                return ConsolePaths.toLogin(request, response, false);
            }
            return isLogin(request) ? context.doNothing() : refuse(response, new VireoException(ErrorCode.NOT_AUTHENTICATED));
        }
        try {
            Authenticator.Authenticated caller = credentials.bearer() != null
                    ? authenticator.bearer(credentials.bearer(), credentials.carrier(), request.getRemoteAddr(),
                    console == ConsolePaths.Kind.PAGE)
                    : authenticator.password(credentials.user(), credentials.password(), request.getRemoteAddr());
            if (caller.tokenId() != null) {
                presentedKey.presentedToken(caller.tokenId());
            }
            return context.notifyContainerAboutLogin(caller.name(), caller.permissions());
        } catch (VireoException e) {
            // a console page with an ended (or revoked) session goes back to the login page
            return console == ConsolePaths.Kind.PAGE ? ConsolePaths.toLogin(request, response, true) : refuse(response, e);
        }
    }

    /** Signing in (POST /api/sessions) is the one request that needs no credentials. */
    private static boolean isLogin(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && (path.equals("/api/sessions") || path.equals("/api/sessions/"));
    }

    private AuthenticationStatus refuse(HttpServletResponse response, VireoException e) {
        response.setStatus(e.status());
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (e.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Vireo\", charset=\"UTF-8\"");
        }
        try {
            response.getWriter().write(json.toJson(new ErrorBody(e.code(), e.reason())));
            // committed, so that the container cannot replace the JSON with its HTML error page
            response.flushBuffer();
        } catch (IOException ignored) {
            // the client went away; nothing to tell it
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
