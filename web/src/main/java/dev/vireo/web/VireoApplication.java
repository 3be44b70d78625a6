package dev.vireo.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The REST API under {@code /api}; {@link dev.vireo.web.kimchi.KimchiPathAlias} serves it under
 * {@code /plugins/kimchi} too, for clients written for Kimchi.
 */
@ApplicationPath(VireoApplication.ROOT)
@OpenAPIDefinition(info = @Info(title = "Vireo", version = "1",
        description = "Virtual machines, templates, storage and networks on libvirt hosts. "
                + "Errors are {\"code\", \"reason\"}; long operations answer 202 with a task."))
public class VireoApplication extends Application {
    public static final String ROOT = "/api";
}
