package dev.vireo.web.comet;

import dev.vireo.web.ApiPathAlias;
import dev.vireo.web.VireoApplication;
import jakarta.servlet.annotation.WebFilter;

/** Serves Comet's API at {@code /comet/…}: its resources live at {@code /api/comet/…}. */
@WebFilter(CometPathAlias.ROOT + "/*")
public class CometPathAlias extends ApiPathAlias {

    static final String ROOT = "/comet";

    public CometPathAlias() {
        super(ROOT, VireoApplication.ROOT + ROOT);
    }
}
