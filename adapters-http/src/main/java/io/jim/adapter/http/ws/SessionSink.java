package io.jim.adapter.http.ws;

import io.jim.application.port.out.WireSink;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a jim connection's frames to its WebSocket session without ever blocking: Jetty queues each
 * message and reports when it is written. The bytes queued and not yet written are bounded; past the
 * bound the session is closed (the client syncs on reconnect) instead of buffering without end, as the
 * TCP side does with its outbound cap.
 */
final class SessionSink implements WireSink {

    private static final Logger LOG = LoggerFactory.getLogger(SessionSink.class);

    /** RFC 6455: the endpoint received a message that violates its policy (here: it does not read). */
    static final int POLICY_VIOLATION = 1008;
    static final int NORMAL = 1000;

    private final Session session;
    private final long maxUnsentBytes;
    private final AtomicLong unsent = new AtomicLong();

    SessionSink(Session session, long maxUnsentBytes) {
        this.session = Objects.requireNonNull(session, "session");
        this.maxUnsentBytes = maxUnsentBytes;
    }

    @Override
    public void sendBinary(byte[] frame) {
        if (reserve(frame.length)) {
            session.sendBinary(ByteBuffer.wrap(frame), written(frame.length));
        }
    }

    @Override
    public void sendText(String json) {
        long size = json.length(); // characters: close enough to bytes for a bound, and free to compute
        if (reserve(size)) {
            session.sendText(json, written(size));
        }
    }

    @Override
    public void close() {
        if (session.isOpen()) {
            session.close(NORMAL, "connection closed by the server", Callback.NOOP);
        }
    }

    private boolean reserve(long size) {
        if (!session.isOpen()) {
            return false;
        }
        long pending = unsent.addAndGet(size);
        if (pending > maxUnsentBytes) {
            unsent.addAndGet(-size);
            LOG.warn("ws {} closed: {} unsent bytes would pass the cap of {} (client not reading?)",
                    session.getRemoteSocketAddress(), pending, maxUnsentBytes);
            session.close(POLICY_VIOLATION, "too many unsent messages", Callback.NOOP);
            return false;
        }
        return true;
    }

    private Callback written(long size) {
        return Callback.from(() -> unsent.addAndGet(-size), failure -> {
            unsent.addAndGet(-size);
            LOG.debug("ws {} write failed: {}", session.getRemoteSocketAddress(), failure.toString());
        });
    }
}
