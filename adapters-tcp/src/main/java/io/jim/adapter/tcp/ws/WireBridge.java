package io.jim.adapter.tcp.ws;

import io.jim.adapter.tcp.InVmEndpoint;
import io.jim.adapter.tcp.TcpServer;
import io.jim.application.port.out.WireSession;
import io.jim.application.port.out.WireSessions;
import io.jim.application.port.out.WireSink;
import io.netty.channel.ChannelFuture;
import io.netty.channel.local.LocalAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link WireSessions} of the connection layer: each session is a Netty in-VM channel to the
 * {@link TcpServer}'s in-VM listener, which runs the very pipeline of the TCP port. So a WebSocket
 * connection signs in, heartbeats, sends, receives pushes, acks, syncs, is limited and kicked exactly like
 * a socket connection, and the protocol logic exists once. What this class adds is the transport's
 * encoding: a binary message is one TLV frame as is, a text message is one frame as JSON
 * ({@link JsonFrames}); replies go out in the encoding the client used last.
 */
public final class WireBridge implements WireSessions {

    /** How long opening may wait for the in-VM connect (an event-loop hop, normally microseconds). */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final TcpServer server;
    private final AtomicLong ids = new AtomicLong();

    public WireBridge(TcpServer server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    @Override
    public WireSession open(WireSink sink, String remoteAddress) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        InVmEndpoint endpoint = server.inVmEndpoint()
                .orElseThrow(() -> new IllegalStateException("the connection layer is not running"));
        BridgeSession session = new BridgeSession(sink);
        // The server logs this as the connection's remote address: the transport's peer plus a unique suffix.
        LocalAddress clientAddress = new LocalAddress("ws:" + remoteAddress + "#" + ids.incrementAndGet());
        ChannelFuture connect = endpoint.connect(clientAddress, session.handler());
        if (!connect.awaitUninterruptibly(CONNECT_TIMEOUT.toMillis()) || !connect.isSuccess()) {
            connect.channel().close();
            throw new IllegalStateException("cannot reach the connection layer", connect.cause());
        }
        session.attach(connect.channel());
        return session;
    }
}
