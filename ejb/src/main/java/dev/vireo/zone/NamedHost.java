package dev.vireo.zone;

import jakarta.enterprise.context.RequestScoped;

/**
 * The host a request names explicitly ({@code ?host=cell-2} on a VM route), set by the web
 * layer; null when it names none.
 */
@RequestScoped
public class NamedHost {

    private String name;

    public String name() {
        return name;
    }

    public void name(String host) {
        this.name = host;
    }
}
