package dev.vireo.web.image;

import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import org.xnio.channels.StreamSourceChannel;

/**
 * A request's body as a channel. On Undertow, its request channel itself: a read goes from the
 * connection straight into the caller's buffer, where the servlet stream first fills a pooled
 * buffer of its own and then copies it into the caller's array. The servlet stream (taken when
 * some other code took the channel first, or off Undertow) otherwise.
 */
public final class RequestChannel {

    private RequestChannel() {
    }

    /** The body of {@code request}, the request this thread serves; the caller does not close it. */
    public static ReadableByteChannel of(HttpServletRequest request) throws IOException {
        ServletRequestContext context = ServletRequestContext.current();
        HttpServerExchange exchange = context == null ? null : context.getExchange();
        StreamSourceChannel channel = exchange != null && exchange.isRequestChannelAvailable()
                ? exchange.getRequestChannel() : null;
        return channel == null ? Channels.newChannel(request.getInputStream()) : new Blocking(channel);
    }

    /**
     * Blocking reads, as the servlet stream makes them ({@code Channels.readBlocking}). Closing
     * leaves the channel open: Undertow ends the request, reading what the caller left.
     */
    private static final class Blocking implements ReadableByteChannel {

        private final StreamSourceChannel channel;

        Blocking(StreamSourceChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer buffer) throws IOException {
            return org.xnio.channels.Channels.readBlocking(channel, buffer);
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            // the request's, not ours
        }
    }
}
