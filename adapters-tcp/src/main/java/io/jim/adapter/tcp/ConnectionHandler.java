package io.jim.adapter.tcp;

import io.jim.proto.ResultCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection's pipeline, on the event loop: it only moves decoded frames into the
 * connection's serial queue and turns timers and decoder failures into closes and kicks. One per
 * connection (it holds the connection), so not sharable.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    private final Connection connection;
    private final FrameDispatcher dispatcher;
    private final ConnectionRegistry registry;
    private final Duration signInTimeout;
    private final FrameRate frameRate;
    private final LongSupplier nanoTime;
    private final TcpMetrics metrics;
    /** Set after a protocol error: the frames still arriving from the same read are dropped. Event-loop confined. */
    private boolean discarding;

    ConnectionHandler(Connection connection, FrameDispatcher dispatcher, ConnectionRegistry registry, Duration signInTimeout,
                      FrameRate frameRate, LongSupplier nanoTime, TcpMetrics metrics) {
        this.frameRate = Objects.requireNonNull(frameRate, "frameRate");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.signInTimeout = Objects.requireNonNull(signInTimeout, "signInTimeout");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        log.info("conn={} opened from {}", connection.id(), ctx.channel().remoteAddress());
        connection.signInDeadline(ctx.executor().schedule(this::signInTimedOut, signInTimeout.toNanos(), TimeUnit.NANOSECONDS));
        ctx.fireChannelActive();
    }

    private void signInTimedOut() {
        if (connection.expireSignIn()) {
            connection.kick(ResultCode.PROTOCOL_ERROR, "no SignIn within " + signInTimeout.toSeconds() + " s");
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Packet packet = (Packet) msg; // the packet decoder emits nothing else, and Packets hold no buffers
        if (discarding || connection.isClosing()) {
            return;
        }
        if (!frameRate.tryAcquire(nanoTime.getAsLong())) {
            // Flooding is protocol abuse: the frames before it are answered, this one and the rest are not.
            metrics.frameRateKick();
            violated(new ProtocolViolationException("more frames per second than allowed"));
            return;
        }
        connection.enqueue(() -> dispatcher.dispatch(connection, packet));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            log.info("conn={} {} closed: nothing received within the heartbeat timeout", connection.id(), connection.principal());
            connection.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProtocolViolationException violation = violation(cause);
        if (violation != null) {
            violated(violation);
        } else if (cause instanceof IOException) {
            log.debug("conn={} I/O error: {}", connection.id(), cause.toString());
            connection.close();
        } else {
            log.warn("conn={} unexpected error; closing", connection.id(), cause);
            connection.close();
        }
    }

    private void violated(ProtocolViolationException violation) {
        if (!discarding) {
            discarding = true;
            connection.stopReading();
            log.info("conn={} protocol error: {}", connection.id(), violation.getMessage());
            // Behind the frames already queued, so their replies still go out before the Kick (arrival order).
            connection.enqueueControl(() -> connection.kick(ResultCode.PROTOCOL_ERROR, violation.getMessage()));
        }
    }

    private static ProtocolViolationException violation(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ProtocolViolationException v) {
                return v;
            }
        }
        return null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.closed();
        registry.unregister(connection);
        log.info("conn={} {} closed", connection.id(), connection.principal() == null ? "(not signed in)" : connection.principal());
        ctx.fireChannelInactive();
    }
}
