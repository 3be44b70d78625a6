package dev.vireo.libvirt;

/** A capture of a domain's display as the hypervisor sends it: a MIME type and the bytes. */
public record Screenshot(String mimeType, byte[] bytes) {
}
