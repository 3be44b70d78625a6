package dev.vireo.storage;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;

/**
 * {@code kimchi_isos}: the reserved pool that is no libvirt pool but a read-only view of the ISO
 * images of every active pool.
 */
public final class IsoPool {

    public static final String NAME = "kimchi_isos";

    private IsoPool() {
    }

    public static boolean is(String pool) {
        return NAME.equals(pool);
    }

    /** Refuses to change the view: {@code what} is the change, as in "cannot &lt;what&gt;". */
    static void refuseChange(String pool, String what) {
        if (is(pool)) {
            throw new VireoException(ErrorCode.ISO_POOL_READ_ONLY, what);
        }
    }

    /** The view of the ISO images of {@code host}'s pools. */
    static PoolView view(String host) {
        return new PoolView(host, NAME, "active", PoolDefinitions.KIMCHI_ISO, null, null, null, null, null, null, null, null);
    }
}
