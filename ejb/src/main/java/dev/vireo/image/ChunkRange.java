package dev.vireo.image;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a chunk of an upload goes: {@code Content-Range: bytes first-last/total}. Without the
 * header, the body is the whole content, of the length the request declares.
 */
public record ChunkRange(long first, long last, long total) {

    /** The most one request carries: WildFly refuses larger bodies (Undertow's max-post-size). */
    public static final long MAX_BYTES = 8L << 20;

    private static final Pattern RANGE = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18})");

    /**
     * The chunk a request announces; 400 for a header that is not a range within its total, or for
     * a body whose length is not the range's; 413 over {@link #MAX_BYTES}.
     *
     * @param bodyLength the request's Content-Length, -1 when it has none
     */
    public static ChunkRange of(String image, String header, long bodyLength) {
        ChunkRange range;
        if (header == null) {
            if (bodyLength < 1) {
                throw new VireoException(ErrorCode.IMAGE_CHUNK_INVALID, image,
                        "send a Content-Length, or a Content-Range (bytes first-last/total) for one chunk of the content");
            }
            range = new ChunkRange(0, bodyLength - 1, bodyLength);
        } else {
            Matcher matcher = RANGE.matcher(header.strip());
            if (!matcher.matches()) {
                throw new VireoException(ErrorCode.IMAGE_CHUNK_INVALID, image, "Content-Range '" + header
                        + "' is not 'bytes first-last/total'");
            }
            range = new ChunkRange(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                    Long.parseLong(matcher.group(3)));
            if (range.last < range.first || range.last >= range.total) {
                throw new VireoException(ErrorCode.IMAGE_CHUNK_INVALID, image, "Content-Range '" + header
                        + "' is not a range within its total");
            }
            if (bodyLength >= 0 && bodyLength != range.length()) {
                throw new VireoException(ErrorCode.IMAGE_CHUNK_INVALID, image, "the body has " + bodyLength
                        + " bytes but Content-Range '" + header + "' announces " + range.length());
            }
        }
        if (range.length() > MAX_BYTES) {
            throw new VireoException(ErrorCode.IMAGE_CHUNK_TOO_LARGE, range.length(), MAX_BYTES);
        }
        return range;
    }

    public long length() {
        return last - first + 1;
    }

    public boolean isLast() {
        return last == total - 1;
    }
}
