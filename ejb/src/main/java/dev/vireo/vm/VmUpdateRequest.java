package dev.vireo.vm;

import dev.vireo.template.TemplateRequest;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/** The Kimchi VM PUT: every field optional; memory in MiB. */
public record VmUpdateRequest(
        String name,
        List<String> users,
        List<String> groups,
        TemplateRequest.Memory memory,
        Graphics graphics,
        TemplateRequest.CpuInfo cpuInfo,
        List<String> bootorder,
        Boolean bootmenu,
        String description,
        String title,
        Boolean autostart) {

    /**
     * @param passwdValidTo the password's lifetime in seconds (default 30)
     */
    public record Graphics(String type, String passwd, @JsonbProperty("passwdValidTo") Integer passwdValidTo) {
    }
}
