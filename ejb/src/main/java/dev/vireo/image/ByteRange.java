package dev.vireo.image;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One range of bytes a download asks for (HTTP {@code Range: bytes=first-last}, {@code first-} or
 * {@code -suffix}). A header Vireo does not read (another unit, several ranges, not a range at all)
 * is ignored, as HTTP allows: the whole content is sent.
 */
public record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /** The range a header asks for, unresolved ({@code -1} for a missing end); empty for none Vireo reads. */
    public static Optional<ByteRange> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = SINGLE.matcher(header.strip());
        if (!matcher.matches() || matcher.group(1).isEmpty() && matcher.group(2).isEmpty()) {
            return Optional.empty();
        }
        long first = matcher.group(1).isEmpty() ? -1 : Long.parseLong(matcher.group(1));
        long last = matcher.group(2).isEmpty() ? -1 : Long.parseLong(matcher.group(2));
        if (first >= 0 && last >= 0 && last < first) {
            return Optional.empty();
        }
        return Optional.of(new ByteRange(first, last));
    }

    /** The range within content of {@code size} bytes; 416 when none of it is. */
    ByteRange within(String image, long size) {
        if (first < 0) {
            if (last == 0 || size == 0) {
                throw unsatisfiable(image, size);
            }
            return new ByteRange(Math.max(0, size - last), size - 1);
        }
        if (first >= size) {
            throw unsatisfiable(image, size);
        }
        return new ByteRange(first, last < 0 ? size - 1 : Math.min(last, size - 1));
    }

    public long length() {
        return last - first + 1;
    }

    private VireoException unsatisfiable(String image, long size) {
        return new VireoException(ErrorCode.IMAGE_RANGE_NOT_SATISFIABLE, (first < 0 ? "" : first) + "-"
                + (last < 0 ? "" : last), image, size);
    }
}
