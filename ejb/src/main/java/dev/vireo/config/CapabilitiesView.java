package dev.vireo.config;

import java.util.List;

/**
 * The Kimchi capabilities resource.
 *
 * @param screenshot null until a screenshot has been attempted on this host, as the seed says
 */
public record CapabilitiesView(
        List<String> libvirtStreamProtocols,
        boolean qemuSpice,
        boolean qemuStream,
        Boolean screenshot,
        boolean systemReportTool,
        boolean updateTool,
        String repoMngtTool) {
}
