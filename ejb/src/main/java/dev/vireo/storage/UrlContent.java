package dev.vireo.storage;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URLConnection;

/** The body of an http(s) URL as it arrives, with the length its server announced. */
final class UrlContent implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 30_000;
    /** A server that sends nothing for this long is taken for gone. */
    private static final int READ_TIMEOUT_MS = 60_000;

    private final HttpURLConnection connection;
    private final InputStream body;
    private final long length;

    private UrlContent(HttpURLConnection connection, InputStream body, long length) {
        this.connection = connection;
        this.body = body;
        this.length = length;
    }

    /** Sends the GET; fails (STG0012E) when the server cannot be reached, answers other than 200 or gives no length. */
    static UrlContent open(VolumeUrl url) {
        HttpURLConnection connection;
        try {
            URLConnection opened = url.uri().toURL().openConnection();
            connection = (HttpURLConnection) opened;
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            connection.setInstanceFollowRedirects(true);
            connection.setRequestProperty("Accept-Encoding", "identity");
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                connection.disconnect();
                throw new VireoException(ErrorCode.VOLUME_DOWNLOAD_FAILED, url, "the server answered " + status
                        + (connection.getResponseMessage() == null ? "" : " " + connection.getResponseMessage()));
            }
        } catch (IOException e) {
            throw new VireoException(ErrorCode.VOLUME_DOWNLOAD_FAILED, e, url, describe(e));
        }
        long length = connection.getContentLengthLong();
        if (length < 1) {
            connection.disconnect();
            throw new VireoException(ErrorCode.VOLUME_DOWNLOAD_FAILED, url, length == 0 ? "the file is empty"
                    : "the server did not say how large the file is (no Content-Length)");
        }
        try {
            return new UrlContent(connection, connection.getInputStream(), length);
        } catch (IOException e) {
            connection.disconnect();
            throw new VireoException(ErrorCode.VOLUME_DOWNLOAD_FAILED, e, url, describe(e));
        }
    }

    static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    long length() {
        return length;
    }

    InputStream body() {
        return body;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // the download is over either way
        }
        connection.disconnect();
    }
}
