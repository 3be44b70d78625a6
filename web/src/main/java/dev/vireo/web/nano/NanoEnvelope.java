package dev.vireo.web.nano;

import java.util.Map;

/**
 * Every answer of Nano's API: {@code error_code} 0 with the result in {@code data}, or, for a
 * failure, its HTTP status as {@code error_code}, the sentence as {@code message} and Vireo's stable
 * code in {@code data.code}.
 */
public record NanoEnvelope(int errorCode, String message, Object data) {

    /** Where the face answers (below the context path); its resources are at the same paths below {@code /api}. */
    public static final String ROOT = "/nano";

    public static NanoEnvelope of(Object data) {
        return new NanoEnvelope(0, "", data);
    }

    public static NanoEnvelope failure(int status, String code, String reason) {
        return new NanoEnvelope(status, reason, Map.of("code", code));
    }

    /** Whether a request to {@code path} (below the context path) is one of Nano's face. */
    public static boolean covers(String path) {
        return underRoot(path, ROOT) || underRoot(path, dev.vireo.web.VireoApplication.ROOT + ROOT);
    }

    private static boolean underRoot(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
