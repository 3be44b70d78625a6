package dev.vireo.web.error;

import dev.vireo.error.ErrorCode;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page of a request the server refused before any resource could read it (web.xml sends
 * 400s there): JAX-RS cannot decode a path that is not UTF-8 ({@code %FF}). Answered as every
 * other error, {@code {"code", "reason"}}.
 */
@WebServlet(UnreadableRequest.PATH)
public class UnreadableRequest extends HttpServlet {

    static final String PATH = "/error/unreadable-request";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String body = Json.createObjectBuilder()
                .add("code", ErrorCode.INVALID_VALUE.code())
                .add("reason", ErrorCode.INVALID_VALUE.reason("the request", "the server cannot read it (a path or parameter"
                        + " that is not UTF-8, or a malformed request)"))
                .build().toString();
        response.getWriter().write(body);
    }
}
