package dev.vireo.config;

import java.util.List;

/**
 * The Kimchi capabilities resource.
 *
 * @param screenshot whether screenshots work on this host; null until one was tried, as the seed says
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
