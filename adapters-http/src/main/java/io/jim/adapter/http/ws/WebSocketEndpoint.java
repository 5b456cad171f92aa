package io.jim.adapter.http.ws;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.jim.application.port.out.WireSession;
import io.jim.application.port.out.WireSessions;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket transport of the client protocol at {@value #PATH} (docs/WEBSOCKET.md): a dumb pipe
 * between a WebSocket session and a {@link WireSession} of the connection layer, which runs the
 * protocol exactly as for a TCP socket. Each binary message is one TLV frame, each text message one
 * frame as JSON; this class only bounds message sizes and what waits to be written.
 */
public final class WebSocketEndpoint {

    /** Where the endpoint is served. */
    public static final String PATH = "/ws";
    /** One whole frame: the 4-byte header and the largest body PROTOCOL.md allows. */
    public static final int MAX_BINARY_MESSAGE_BYTES = 4 + 65535;
    /** A JSON frame: generous for the largest body (escaping and base-10 numbers inflate it), still bounded. */
    public static final int MAX_TEXT_MESSAGE_BYTES = 512 * 1024;
    /** Bytes queued for one session and not yet written; past it the session is closed. */
    public static final long MAX_UNSENT_BYTES = 4L * 1024 * 1024;
    /**
     * Jetty's idle timeout for these sessions. The protocol's heartbeat timeout (default 600 s) is what
     * really ends a silent connection; this only has to be longer.
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofHours(1);

    /** RFC 6455: the server cannot serve now; try again later. */
    private static final int TRY_AGAIN_LATER = 1013;
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpoint.class);

    private final WireSessions wireSessions;
    private final Map<String, WireSession> sessions = new ConcurrentHashMap<>();

    public WebSocketEndpoint(WireSessions wireSessions) {
        this.wireSessions = Objects.requireNonNull(wireSessions, "wireSessions");
    }

    /** The handlers of the endpoint, for {@code routes.ws(PATH, endpoint::configure)}. */
    public void configure(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onBinaryMessage(ctx -> {
            WireSession session = sessions.get(ctx.sessionId());
            if (session != null) {
                ByteBuffer data = ctx.data();
                byte[] frame = new byte[data.remaining()];
                data.get(frame);
                session.receiveBinary(frame);
            }
        });
        ws.onMessage(ctx -> {
            WireSession session = sessions.get(ctx.sessionId());
            if (session != null) {
                session.receiveText(ctx.message());
            }
        });
        ws.onClose(ctx -> closed(ctx));
        ws.onError(ctx -> {
            LOG.debug("ws {} error: {}", ctx.sessionId(), String.valueOf(ctx.error()));
            closed(ctx);
        });
    }

    /** Open WebSocket sessions. */
    public int openSessions() {
        return sessions.size();
    }

    private void connected(WsConnectContext ctx) {
        Session jetty = ctx.session;
        jetty.setMaxBinaryMessageSize(MAX_BINARY_MESSAGE_BYTES);
        jetty.setMaxTextMessageSize(MAX_TEXT_MESSAGE_BYTES);
        jetty.setIdleTimeout(IDLE_TIMEOUT);
        WireSession session;
        try {
            session = wireSessions.open(new SessionSink(jetty, MAX_UNSENT_BYTES), describe(jetty.getRemoteSocketAddress()));
        } catch (IllegalStateException e) {
            LOG.info("ws connection from {} refused: {}", jetty.getRemoteSocketAddress(), e.getMessage());
            ctx.closeSession(TRY_AGAIN_LATER, "the server is not ready; try again later");
            return;
        }
        sessions.put(ctx.sessionId(), session);
        if (!jetty.isOpen()) {
            closed(ctx); // it went away while we were opening: its onClose may have found nothing to close
        }
    }

    private void closed(WsContext ctx) {
        WireSession session = sessions.remove(ctx.sessionId());
        if (session != null) {
            session.close();
        }
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
