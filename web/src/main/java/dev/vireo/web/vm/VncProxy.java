package dev.vireo.web.vm;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The web console's WebSocket ({@code /console/vnc/{vm}?ticket=…}, subprotocol {@code binary} as
 * noVNC asks): after the handshake's authenticated caller presented a one-time ticket that the VM's
 * connect action issued to them, binary frames go to and from the VM's VNC server on its host (the grant's address and port),
 * so browsers never reach the VNC port themselves. Any other session is closed at once (1008).
 */
@ServerEndpoint(value = "/console/vnc/{vm}", subprotocols = {"binary"}, configurator = VncProxy.Handshake.class)
public class VncProxy {

    private static final Logger LOG = Logger.getLogger(VncProxy.class.getName());
    private static final int BUFFER = 64 * 1024;

    private Socket vnc;
    private OutputStream toVnc;

    /** Runs in the upgrade request, as its authenticated caller: checks and consumes the ticket. */
    public static class Handshake extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            String path = request.getRequestURI().getPath();
            String vm = java.net.URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), java.nio.charset.StandardCharsets.UTF_8);
            List<String> tickets = request.getParameterMap().getOrDefault("ticket", List.of());
            String user = request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
            CDI.current().select(VncTickets.class).get().accept(vm, tickets.isEmpty() ? null : tickets.get(0), user);
        }
    }

    @OnOpen
    public void open(Session session, @PathParam("vm") String vm) throws IOException {
        List<String> tickets = session.getRequestParameterMap().getOrDefault("ticket", List.of());
        VncTickets registry = CDI.current().select(VncTickets.class).get();
        String user = session.getUserPrincipal() == null ? null : session.getUserPrincipal().getName();
        Optional<VncTickets.Grant> grant = registry.take(vm, tickets.isEmpty() ? null : tickets.get(0), user);
        if (grant.isEmpty()) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
                    "no valid console ticket for " + vm + ": ask for one with the VM's connect action"));
            return;
        }
        vnc = new Socket();
        try {
            vnc.connect(new InetSocketAddress(grant.get().address(), grant.get().port()), 5000);
            vnc.setTcpNoDelay(true);
            toVnc = vnc.getOutputStream();
        } catch (IOException e) {
            vnc.close();
            session.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "the console of " + vm + " is not reachable"));
            return;
        }
        session.setMaxBinaryMessageBufferSize(BUFFER * 4);
        LOG.info(() -> grant.get().user() + " opened the web console of " + vm);
        registry.threads().newThread(() -> pump(session, vm)).start();
    }

    /** VNC server to browser, until either side closes. */
    private void pump(Session session, String vm) {
        byte[] buffer = new byte[BUFFER];
        try (InputStream fromVnc = vnc.getInputStream()) {
            int read;
            while ((read = fromVnc.read(buffer)) >= 0) {
                if (read > 0) {
                    synchronized (session) {
                        session.getBasicRemote().sendBinary(ByteBuffer.wrap(Arrays.copyOf(buffer, read)));
                    }
                }
            }
            closeQuietly(session, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "the VNC server closed"));
        } catch (IOException ended) {
            LOG.log(Level.FINE, "web console of " + vm + " ended", ended);
            closeQuietly(session, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "the console connection ended"));
        }
    }

    @OnMessage
    public void fromBrowser(ByteBuffer frame) throws IOException {
        if (toVnc != null) {
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            toVnc.write(bytes);
            toVnc.flush();
        }
    }

    @OnClose
    public void close() {
        if (vnc != null) {
            try {
                vnc.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    @OnError
    public void error(Throwable error) {
        LOG.log(Level.FINE, "web console error", error);
        close();
    }

    private static void closeQuietly(Session session, CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        } catch (IOException ignored) {
            // the browser went away
        }
    }
}
