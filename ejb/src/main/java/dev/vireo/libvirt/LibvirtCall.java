package dev.vireo.libvirt;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/** Work done on one host's open connection. */
@FunctionalInterface
public interface LibvirtCall<T> {
    T apply(Connect connect) throws LibvirtException;
}
