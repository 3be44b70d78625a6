package dev.vireo.web.nano;

import dev.vireo.web.ApiPathAlias;
import dev.vireo.web.VireoApplication;
import jakarta.servlet.annotation.WebFilter;

/** Serves Nano's API at {@code /nano/…}: its resources live at {@code /api/nano/…} and answer in {@link NanoEnvelope}. */
@WebFilter(NanoEnvelope.ROOT + "/*")
public class NanoPathAlias extends ApiPathAlias {

    public NanoPathAlias() {
        super(NanoEnvelope.ROOT, VireoApplication.ROOT + NanoEnvelope.ROOT);
    }
}
