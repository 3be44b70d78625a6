package dev.vireo.lock;

/**
 * What an operation locks: a libvirt object (or the name of one about to be made) or a template.
 * The host joins the key when Vireo manages several hosts.
 *
 * @param kind what it is, as a person says it ("virtual machine")
 * @param name its name; a volume's is {@code pool/volume}
 */
public record LockTarget(String kind, String name) {

    public static LockTarget vm(String name) {
        return new LockTarget("virtual machine", name);
    }

    public static LockTarget pool(String name) {
        return new LockTarget("storage pool", name);
    }

    public static LockTarget volume(String pool, String name) {
        return new LockTarget("storage volume", pool + "/" + name);
    }

    public static LockTarget network(String name) {
        return new LockTarget("network", name);
    }

    public static LockTarget template(String name) {
        return new LockTarget("template", name);
    }

    public static LockTarget hostDevice(String name) {
        return new LockTarget("host device", name);
    }

    public static LockTarget managedHost(String name) {
        return new LockTarget("host", name);
    }

    public static LockTarget computePool(String name) {
        return new LockTarget("compute pool", name);
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }
}
