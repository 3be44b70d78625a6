package dev.vireo.web.xen;

import dev.vireo.web.ApiPathAlias;
import dev.vireo.web.VireoApplication;
import jakarta.servlet.annotation.WebFilter;

/** Serves the Xen REST face at {@code /libvirt/xen/nodes/…}: its resources live at {@code /api/libvirt/xen/nodes/…}. */
@WebFilter(XenNodes.ROOT + "/*")
public class XenPathAlias extends ApiPathAlias {

    public XenPathAlias() {
        super(XenNodes.ROOT, VireoApplication.ROOT + XenNodes.ROOT);
    }

    /** Where the face shows a domain. */
    static String link(String uuid) {
        return XenNodes.ROOT + "/" + uuid + "/json";
    }
}
