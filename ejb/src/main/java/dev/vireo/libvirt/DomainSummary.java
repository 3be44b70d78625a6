package dev.vireo.libvirt;

/** A domain as read from its host: its definition and its live state. */
public record DomainSummary(DomainDefinition definition, DomainState state, boolean autostart, boolean persistent) {

    public String name() {
        return definition.name();
    }
}
