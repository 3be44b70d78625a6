package dev.vireo.web.kimchi;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;

/**
 * The HTTP status Kimchi answers for a failure where it differs from the native API's: Kimchi
 * has no 409 for a VM in the wrong state or a taken template name (400), and a VM that shows no
 * screen has no screenshot resource (404).
 */
public final class KimchiStatuses {

    private KimchiStatuses() {
    }

    /** The status of {@code failure} for a request to {@code path} (below the API root). */
    public static int of(VireoException failure, String path) {
        if (!KimchiPathAlias.isKimchiFace()) {
            return failure.status();
        }
        if (ErrorCode.VM_WRONG_STATE.code().equals(failure.code())) {
            return path.endsWith("/screenshot") ? 404 : 400;
        }
        if (ErrorCode.TEMPLATE_EXISTS.code().equals(failure.code())) {
            return 400;
        }
        return failure.status();
    }
}
