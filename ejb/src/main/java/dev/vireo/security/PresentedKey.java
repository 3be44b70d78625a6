package dev.vireo.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * The access key (token or session) the current request was authenticated with, if any: the
 * authentication mechanism sets it, services read it (a VM created with a token belongs to it).
 */
@RequestScoped
public class PresentedKey {

    private String tokenId;

    public String tokenId() {
        return tokenId;
    }

    public void presentedToken(String id) {
        this.tokenId = id;
    }
}
