package dev.vireo.web.security;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Which requests belong to the admin console, and how the console sends a browser to its login page. */
final class ConsolePaths {

    static final String CONSOLE = "/console/";
    static final String LOGIN = CONSOLE + "login.xhtml";

    /** PUBLIC: needs nobody; PAGE: a console page (or its WebSocket) that needs a session; API: anything else. */
    enum Kind { PUBLIC, PAGE, API }

    private ConsolePaths() {
    }

    static Kind of(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        int parameters = path.indexOf(';');   // a path parameter such as ;jsessionid=… is not part of the path
        return of(parameters < 0 ? path : path.substring(0, parameters));
    }

    static Kind of(String path) {
        if (path.startsWith("/jakarta.faces.resource/") || path.startsWith(CONSOLE + "jakarta.faces.resource/")
                || path.startsWith(CONSOLE + "static/") || path.equals(LOGIN) || path.equals("/favicon.ico")) {
            return Kind.PUBLIC;
        }
        if (path.equals("/console") || path.startsWith(CONSOLE)) {
            return Kind.PAGE;
        }
        return Kind.API;
    }

    /**
     * Sends the browser to the login page: a redirect, or for a Faces Ajax request the partial
     * response that makes the page navigate. {@code expired} shows "your session ended" there.
     */
    static AuthenticationStatus toLogin(HttpServletRequest request, HttpServletResponse response, boolean expired) {
        String target = request.getContextPath() + LOGIN + (expired ? "?expired=true" : "");
        try {
            if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType("text/xml");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<partial-response><redirect url=\"" + target + "\"></redirect></partial-response>");
                response.flushBuffer();
            } else {
                response.sendRedirect(target);
            }
        } catch (IOException ignored) {
            // the browser went away
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
