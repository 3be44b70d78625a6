package dev.vireo.web.security;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.web.error.ErrorBody;
import dev.vireo.web.json.JsonConfig;
import dev.vireo.web.nano.NanoEnvelope;
import jakarta.json.bind.Jsonb;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page of 401, 403 and 429 answers the container sends (web.xml): the refusal the
 * authentication mechanism left in the request, as the API's JSON error. Nothing else answers here.
 */
@WebServlet(RefusalPage.PATH)
public class RefusalPage extends HttpServlet {

    static final String PATH = "/refused";
    static final String REFUSAL = RefusalPage.class.getName() + ".refusal";

    private final transient Jsonb json = JsonConfig.jsonb();

    /** Whether the refused request was one of Nano's face, which answers in its envelope. */
    private static boolean isNano(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
                && NanoEnvelope.covers(uri.substring(Math.min(uri.length(), request.getContextPath().length())));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ErrorBody body;
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            body = new ErrorBody(ErrorCode.NO_SUCH_RESOURCE.code(), ErrorCode.NO_SUCH_RESOURCE.reason(PATH));
        } else if (request.getAttribute(REFUSAL) instanceof VireoException refusal) {
            response.setStatus(refusal.status());
            body = new ErrorBody(refusal.code(), refusal.reason());
        } else {
            Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            body = Integer.valueOf(HttpServletResponse.SC_UNAUTHORIZED).equals(status)
                    ? new ErrorBody(ErrorCode.NOT_AUTHENTICATED.code(), ErrorCode.NOT_AUTHENTICATED.reason())
                    : new ErrorBody(ErrorCode.NOT_ALLOWED.code(), ErrorCode.NOT_ALLOWED.reason("The caller", "do this"));
        }
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.toJson(isNano(request)
                ? NanoEnvelope.failure(response.getStatus(), body.code(), body.reason()) : body));
    }
}
