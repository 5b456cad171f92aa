package io.jim.adapter.tcp;

import io.jim.application.config.RateLimit;
import io.jim.application.config.TlsFiles;
import io.jim.proto.FrameType;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the TCP endpoint.
 *
 * @param bindAddress                  address to bind ("0.0.0.0" for all interfaces)
 * @param port                         port to bind; 0 picks a free one ({@link TcpServer#port()} tells which)
 * @param maxFrameBytes                largest accepted body (JIM_MAX_FRAME_BYTES), 1..65535; a larger declared length is a protocol error
 * @param heartbeatTimeout             a connection that sends nothing for this long is closed
 * @param signInTimeout                a connection not signed in after this long gets Kick{22} and is closed
 * @param maxOutboundBytesPerConnection bytes queued for a connection but not yet taken by its socket; past it the
 *                                     connection is closed (the client syncs on reconnect) instead of buffering without bound
 * @param maxQueuedFramesPerConnection received frames waiting for processing; past it the connection stops reading
 *                                     (TCP back-pressure) until half of them are done
 * @param ioThreads                    event-loop threads for connections; 0 = Netty's default (2 × cores)
 * @param shutdownTimeout              upper bound for each phase of {@link TcpServer#stop()}
 * @param preferEpoll                  use the native epoll transport when it is available (else NIO)
 * @param maxConnections               open connections (signed in or not) per server (JIM_MAX_CONNECTIONS); a connection
 *                                     past it is closed at once, before anything is read
 * @param maxConnectionsPerUser        signed-in connections of one user on this server (JIM_MAX_CONNECTIONS_PER_USER); a
 *                                     further device's SignIn gets SignInACK{9} and is closed (a device replacing its own
 *                                     older connection does not count twice)
 * @param framesPerConnection          frames one connection may send (JIM_MAX_FRAMES_PER_SECOND, bursts of twice that);
 *                                     past it: Kick{22} and close, as for any protocol abuse; {@link RateLimit#OFF} turns it off
 * @param tls                          when present, TCP connections speak TLS (1.3 or 1.2) with this certificate and key and
 *                                     the TLV protocol inside it; the in-VM listener (WebSocket bridge) never does
 */
public record TcpConfig(
        String bindAddress,
        int port,
        int maxFrameBytes,
        Duration heartbeatTimeout,
        Duration signInTimeout,
        int maxOutboundBytesPerConnection,
        int maxQueuedFramesPerConnection,
        int ioThreads,
        Duration shutdownTimeout,
        boolean preferEpoll,
        int maxConnections,
        int maxConnectionsPerUser,
        RateLimit framesPerConnection,
        Optional<TlsFiles> tls) {

    /**
     * The documented defaults (README): all interfaces, port 50000, 65535-byte frames, 600 s heartbeat,
     * 10 s sign-in, 4 MiB outbound cap, 200000 connections, 20 per user, 1000 frames per second (bursts of 2000);
     * plus 256 queued frames, Netty's default thread count, 5 s shutdown phases, epoll.
     */
    public static final TcpConfig DEFAULTS = new TcpConfig(
            "0.0.0.0", 50000, FrameType.MAX_BODY_BYTES, Duration.ofSeconds(600), Duration.ofSeconds(10),
            4 * 1024 * 1024, 256, 0, Duration.ofSeconds(5), true, 200_000, 20, RateLimit.perSecond(1000), Optional.empty());

    public TcpConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        Objects.requireNonNull(signInTimeout, "signInTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(framesPerConnection, "framesPerConnection");
        Objects.requireNonNull(tls, "tls");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (maxFrameBytes < 1 || maxFrameBytes > FrameType.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be 1..65535: " + maxFrameBytes);
        }
        requirePositive(heartbeatTimeout, "heartbeatTimeout");
        requirePositive(signInTimeout, "signInTimeout");
        requirePositive(shutdownTimeout, "shutdownTimeout");
        // The cap must hold at least one largest frame, or a single sync batch would kill the connection.
        if (maxOutboundBytesPerConnection < FrameType.HEADER_BYTES + FrameType.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("maxOutboundBytesPerConnection must be at least 65539: " + maxOutboundBytesPerConnection);
        }
        if (maxQueuedFramesPerConnection < 2) {
            throw new IllegalArgumentException("maxQueuedFramesPerConnection must be at least 2: " + maxQueuedFramesPerConnection);
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must not be negative: " + ioThreads);
        }
        if (maxConnections < 1 || maxConnectionsPerUser < 1) {
            throw new IllegalArgumentException("maxConnections and maxConnectionsPerUser must be positive: " + maxConnections
                    + ", " + maxConnectionsPerUser);
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    public TcpConfig withBindAddress(String value) {
        return new TcpConfig(value, port, maxFrameBytes, heartbeatTimeout, signInTimeout, maxOutboundBytesPerConnection,
                maxQueuedFramesPerConnection, ioThreads, shutdownTimeout, preferEpoll, maxConnections, maxConnectionsPerUser, framesPerConnection, tls);
    }

    public TcpConfig withPort(int value) {
        return new TcpConfig(bindAddress, value, maxFrameBytes, heartbeatTimeout, signInTimeout, maxOutboundBytesPerConnection,
                maxQueuedFramesPerConnection, ioThreads, shutdownTimeout, preferEpoll, maxConnections, maxConnectionsPerUser, framesPerConnection, tls);
    }

    public TcpConfig withMaxFrameBytes(int value) {
        return new TcpConfig(bindAddress, port, value, heartbeatTimeout, signInTimeout, maxOutboundBytesPerConnection,
                maxQueuedFramesPerConnection, ioThreads, shutdownTimeout, preferEpoll, maxConnections, maxConnectionsPerUser, framesPerConnection, tls);
    }

    public TcpConfig withHeartbeatTimeout(Duration value) {
        return new TcpConfig(bindAddress, port, maxFrameBytes, value, signInTimeout, maxOutboundBytesPerConnection,
                maxQueuedFramesPerConnection, ioThreads, shutdownTimeout, preferEpoll, maxConnections, maxConnectionsPerUser, framesPerConnection, tls);
    }

    public TcpConfig withSignInTimeout(Duration value) {
        return new TcpConfig(bindAddress, port, maxFrameBytes, heartbeatTimeout, value, maxOutboundBytesPerConnection,
                maxQueuedFramesPerConnection, ioThreads, shutdownTimeout, preferEpoll, maxConnections, maxConnectionsPerUser, framesPerConnection, tls);
    }

    public TcpConfig withMaxOutboundBytesPerConnection(int value) {
        return new TcpConfig(bindAddress, port, maxFrameBytes, heartbeatTimeout, signInTimeout, value,
                maxQueuedFramesPerConnection, ioThreads, shutdownTimeout, preferEpoll, maxConnections, maxConnectionsPerUser, framesPerConnection, tls);
    }

    public TcpConfig withMaxQueuedFramesPerConnection(int value) {
        return new TcpConfig(bindAddress, port, maxFrameBytes, heartbeatTimeout, signInTimeout, maxOutboundBytesPerConnection,
                value, ioThreads, shutdownTimeout, preferEpoll, maxConnections, maxConnectionsPerUser, framesPerConnection, tls);
    }

    public TcpConfig withIoThreads(int value) {
        return new TcpConfig(bindAddress, port, maxFrameBytes, heartbeatTimeout, signInTimeout, maxOutboundBytesPerConnection,
                maxQueuedFramesPerConnection, value, shutdownTimeout, preferEpoll, maxConnections, maxConnectionsPerUser, framesPerConnection, tls);
    }

    public TcpConfig withShutdownTimeout(Duration value) {
        return new TcpConfig(bindAddress, port, maxFrameBytes, heartbeatTimeout, signInTimeout, maxOutboundBytesPerConnection,
                maxQueuedFramesPerConnection, ioThreads, value, preferEpoll, maxConnections, maxConnectionsPerUser, framesPerConnection, tls);
    }

    public TcpConfig withPreferEpoll(boolean value) {
        return new TcpConfig(bindAddress, port, maxFrameBytes, heartbeatTimeout, signInTimeout, maxOutboundBytesPerConnection,
                maxQueuedFramesPerConnection, ioThreads, shutdownTimeout, value, maxConnections, maxConnectionsPerUser, framesPerConnection, tls);
    }

    public TcpConfig withMaxConnections(int value) {
        return new TcpConfig(bindAddress, port, maxFrameBytes, heartbeatTimeout, signInTimeout, maxOutboundBytesPerConnection,
                maxQueuedFramesPerConnection, ioThreads, shutdownTimeout, preferEpoll, value, maxConnectionsPerUser, framesPerConnection, tls);
    }

    public TcpConfig withMaxConnectionsPerUser(int value) {
        return new TcpConfig(bindAddress, port, maxFrameBytes, heartbeatTimeout, signInTimeout, maxOutboundBytesPerConnection,
                maxQueuedFramesPerConnection, ioThreads, shutdownTimeout, preferEpoll, maxConnections, value, framesPerConnection, tls);
    }

    public TcpConfig withFramesPerConnection(RateLimit value) {
        return new TcpConfig(bindAddress, port, maxFrameBytes, heartbeatTimeout, signInTimeout, maxOutboundBytesPerConnection,
                maxQueuedFramesPerConnection, ioThreads, shutdownTimeout, preferEpoll, maxConnections, maxConnectionsPerUser, value, tls);
    }

    public TcpConfig withTls(Optional<TlsFiles> value) {
        return new TcpConfig(bindAddress, port, maxFrameBytes, heartbeatTimeout, signInTimeout, maxOutboundBytesPerConnection,
                maxQueuedFramesPerConnection, ioThreads, shutdownTimeout, preferEpoll, maxConnections, maxConnectionsPerUser,
                framesPerConnection, value);
    }
}
