package dev.vireo.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/** Installation media given as a URL that QEMU streams (http, https, ftp, ftps, tftp) rather than a file. */
public final class MediaUrls {

    public static final Set<String> STREAM_SCHEMES = Set.of("http", "https", "ftp", "ftps", "tftp");

    private MediaUrls() {
    }

    public static boolean isStreamUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.getScheme() != null && STREAM_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
