package dev.vireo.it.probe;

import dev.vireo.error.VireoException;
import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Test-only: the probe's refusals as the API answers them ({@code {"code", "reason"}} with the code's status). */
@Provider
public class ProbeErrors implements ExceptionMapper<VireoException> {

    @Override
    public Response toResponse(VireoException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("code", e.code()).add("reason", e.reason()).build().toString())
                .build();
    }
}
