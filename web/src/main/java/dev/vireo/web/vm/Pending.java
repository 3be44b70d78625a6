package dev.vireo.web.vm;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** Names, in a {@code Warning: 299} header, what a change to a running VM leaves for its next start. */
public final class Pending {

    private Pending() {
    }

    public static Response.ResponseBuilder warn(Response.ResponseBuilder answer, List<String> pendingUntilRestart) {
        if (!pendingUntilRestart.isEmpty()) {
            answer.header("Warning", "299 vireo \"applies at the next start: "
                    + String.join(", ", pendingUntilRestart).replace("\"", "'") + "\"");
        }
        return answer;
    }
}
