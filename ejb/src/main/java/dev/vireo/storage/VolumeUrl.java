package dev.vireo.storage;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a new volume's content comes from: an http or https URL that Vireo itself downloads and
 * streams into the volume (not QEMU: the protocols QEMU streams do not matter here).
 */
record VolumeUrl(URI uri) {

    static final Set<String> SCHEMES = Set.of("http", "https");

    /** The URL, when it is an absolute http(s) URL with a host; else a 400 naming what is wrong. */
    static VolumeUrl parse(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new VireoException(ErrorCode.VOLUME_URL_INVALID, e, value, e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new VireoException(ErrorCode.VOLUME_URL_INVALID, value, "use http or https");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new VireoException(ErrorCode.VOLUME_URL_INVALID, value, "it names no host");
        }
        if (uri.getUserInfo() != null) {
            throw new VireoException(ErrorCode.VOLUME_URL_INVALID, value.replace(uri.getRawUserInfo(), "…"),
                    "credentials in a URL would show in tasks and logs");
        }
        return new VolumeUrl(uri);
    }

    /** The last segment of the URL's path, decoded: the default name of the volume. */
    Optional<String> fileName() {
        String path = uri.getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(path.substring(path.lastIndexOf('/') + 1));
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
