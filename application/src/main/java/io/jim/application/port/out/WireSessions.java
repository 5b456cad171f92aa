package io.jim.application.port.out;

/**
 * Client connections that arrive over another transport than the connection layer's own socket (the
 * HTTP adapter's WebSocket endpoint) and are run by the connection layer as ordinary client connections
 * of PROTOCOL.md: the same framing, sign-in, heartbeat, limits, delivery and kicks. Implemented by the
 * connection layer; the transport that accepted the connection is only a pipe.
 */
public interface WireSessions {

    /**
     * Opens a connection whose output goes to {@code sink}. Never blocks on the network. Throws
     * {@link IllegalStateException} when the connection layer is not running (not started yet, or
     * stopping); the caller then refuses the connection.
     *
     * @param sink          where the connection's frames go; called from one thread at a time, in frame order
     * @param remoteAddress the peer's address as the accepting transport saw it, for logs only
     */
    WireSession open(WireSink sink, String remoteAddress);
}
