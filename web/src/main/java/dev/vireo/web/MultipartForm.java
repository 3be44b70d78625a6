package dev.vireo.web;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body read part by part as it arrives, through one fixed buffer: a
 * part's content is a stream that ends at the next boundary, never held in memory.
 */
public final class MultipartForm {

    /** A form field: its name, and its content up to the next boundary. */
    public record Part(String name, InputStream content) {

        /** The content of a small field as text (UTF-8), at most {@code limit} bytes; 400 above. */
        public String text(int limit) throws IOException {
            byte[] value = content.readNBytes(limit + 1);
            if (value.length > limit) {
                throw new VireoException(ErrorCode.INVALID_VALUE, name, "longer than " + limit + " bytes");
            }
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 32;
    private static final Pattern BOUNDARY = Pattern.compile("[0-9A-Za-z'()+_,./:=?-]([0-9A-Za-z'()+_,./:=? -]{0,68}[0-9A-Za-z'()+_,./:=?-])?");
    private static final Pattern NAME = Pattern.compile("(?:^|;)\\s*name\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))",
            Pattern.CASE_INSENSITIVE);

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int position;
    private int limit;
    private boolean eof;
    private boolean closed;
    private PartStream current;

    /**
     * @param boundary the {@code boundary} parameter of the body's content type; 400 when missing or malformed
     */
    public MultipartForm(InputStream in, String boundary) {
        if (boundary == null || !BOUNDARY.matcher(boundary).matches()) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "the multipart boundary", boundary == null ? "missing" : boundary);
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[BUFFER];
        // a line break before the first boundary, so that it reads like every later one
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
    }

    /** As {@link #next}, with a body that ends before its closing boundary refused as the client's fault (400). */
    public Part nextOrRefuse() throws IOException {
        try {
            return next();
        } catch (EOFException e) {
            throw new VireoException(ErrorCode.INVALID_VALUE, e, "the multipart body", e.getMessage());
        }
    }

    /** The next part, or null after the last; the previous part's unread content is skipped. */
    public Part next() throws IOException {
        if (closed) {
            return null;
        }
        PartStream skipped = current == null ? new PartStream() : current; // the first skips the preamble
        skipped.transferTo(OutputStream.nullOutputStream());
        position += delimiter.length;
        if (!fill(2)) {
            throw malformed("the body ends after a boundary");
        }
        if (buffer[position] == '-' && buffer[position + 1] == '-') {
            closed = true;
            return null;
        }
        String name = null;
        String line = readLine(); // the rest of the boundary line: only padding
        if (!line.isBlank()) {
            throw malformed("text after a boundary");
        }
        for (int count = 0; !(line = readLine()).isEmpty(); count++) {
            if (count == MAX_HEADERS) {
                throw malformed("more than " + MAX_HEADERS + " part headers");
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-disposition")) {
                Matcher matcher = NAME.matcher(line.substring(colon + 1));
                if (matcher.find()) {
                    name = matcher.group(1) != null ? matcher.group(1).replaceAll("\\\\(.)", "$1") : matcher.group(2);
                }
            }
        }
        if (name == null) {
            throw malformed("a part without a name in its Content-Disposition");
        }
        current = new PartStream();
        return new Part(name, current);
    }

    /** Makes at least {@code wanted} bytes available from {@code position}; false when the body ends first. */
    private boolean fill(int wanted) throws IOException {
        if (limit - position >= wanted) {
            return true;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit < wanted && !eof) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return limit - position >= wanted;
    }

    private String readLine() throws IOException {
        for (int scanned = 0; ; ) {
            for (int i = position + scanned; i + 1 < limit; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    String line = new String(buffer, position, i - position, StandardCharsets.UTF_8);
                    position = i + 2;
                    return line;
                }
            }
            scanned = Math.max(0, limit - position - 1);
            if (scanned >= MAX_HEADER_LINE) {
                throw malformed("a part header longer than " + MAX_HEADER_LINE + " bytes");
            }
            if (!fill(limit - position + 1)) {
                throw malformed("the body ends inside the part headers");
            }
        }
    }

    /** Where the delimiter starts in the buffered bytes, or -1. */
    private int delimiterAt() {
        byte first = delimiter[0];
        for (int i = position; i + delimiter.length <= limit; i++) {
            if (buffer[i] == first && matches(i)) {
                return i;
            }
        }
        return -1;
    }

    private boolean matches(int at) {
        for (int j = 1; j < delimiter.length; j++) {
            if (buffer[at + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    private static VireoException malformed(String what) {
        return new VireoException(ErrorCode.INVALID_VALUE, "the multipart body", what);
    }

    /** A part's content: the bytes up to the next delimiter, which it leaves for {@link #next()}. */
    private final class PartStream extends InputStream {

        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended || current != this && current != null) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            int found = delimiterAt();
            if (found < 0 && !eof && limit - position < BUFFER / 2) {
                // read more, so that each call hands over a good share of the buffer
                fill(Math.max(delimiter.length, limit - position + 1));
                found = delimiterAt();
            }
            int available;
            if (found >= 0) {
                available = found - position;
            } else if (eof) {
                throw new EOFException("the multipart body ends inside part content");
            } else {
                available = limit - position - (delimiter.length - 1);
            }
            if (available == 0) {
                ended = true;
                return -1;
            }
            int count = Math.min(length, available);
            System.arraycopy(buffer, position, target, offset, count);
            position += count;
            return count;
        }
    }
}
