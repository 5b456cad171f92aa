package io.jim.adapter.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.local.LocalChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a connection's pipeline (ARCHITECTURE.md 5): TLS (socket connections, when configured) → flush consolidation → idle timer → TLV framing →
 * packet decoder → packet encoder → connection handler. Stateless handlers are shared across
 * connections; the rest are created per connection. A connection past {@link TcpConfig#maxConnections()}
 * gets no pipeline: it is closed at once (one initializer serves the whole server, so it counts them).
 */
final class TcpChannelInitializer extends ChannelInitializer<Channel> {

    private static final Logger log = LoggerFactory.getLogger(TcpChannelInitializer.class);

    /** Flushes coalesced into one syscall at most; replies and pushes from many threads flush individually. */
    private static final int FLUSHES_PER_SYSCALL = 256;

    private final TcpConfig config;
    private final Executor executor;
    private final TcpMetrics metrics;
    private final ConnectionRegistry registry;
    private final FrameDispatcher dispatcher;
    private final PacketDecoder packetDecoder;
    private final PacketEncoder packetEncoder;
    private final Consumer<Connection> onConnection;
    private final LongSupplier nanoTime;
    /** TLS of socket connections, when configured; in-VM connections never get it. */
    private final Optional<SslContext> tls;
    /** Connections accepted and not yet closed, for {@link TcpConfig#maxConnections()}. */
    private final AtomicInteger open = new AtomicInteger();

    TcpChannelInitializer(TcpConfig config, Executor executor, TcpMetrics metrics, ConnectionRegistry registry,
                          FrameDispatcher dispatcher, Consumer<Connection> onConnection) {
        this(config, executor, metrics, registry, dispatcher, onConnection, System::nanoTime, Optional.empty());
    }

    /** With TLS on socket connections when {@code tls} is present. */
    TcpChannelInitializer(TcpConfig config, Executor executor, TcpMetrics metrics, ConnectionRegistry registry,
                          FrameDispatcher dispatcher, Consumer<Connection> onConnection, Optional<SslContext> tls) {
        this(config, executor, metrics, registry, dispatcher, onConnection, System::nanoTime, tls);
    }

    /** With the time source of the per-connection frame budget (tests pass one they can move). */
    TcpChannelInitializer(TcpConfig config, Executor executor, TcpMetrics metrics, ConnectionRegistry registry,
                          FrameDispatcher dispatcher, Consumer<Connection> onConnection, LongSupplier nanoTime) {
        this(config, executor, metrics, registry, dispatcher, onConnection, nanoTime, Optional.empty());
    }

    private TcpChannelInitializer(TcpConfig config, Executor executor, TcpMetrics metrics, ConnectionRegistry registry,
                          FrameDispatcher dispatcher, Consumer<Connection> onConnection, LongSupplier nanoTime,
                          Optional<SslContext> tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.config = Objects.requireNonNull(config, "config");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.onConnection = Objects.requireNonNull(onConnection, "onConnection");
        this.packetDecoder = new PacketDecoder(metrics);
        this.packetEncoder = new PacketEncoder(metrics);
    }

    @Override
    protected void initChannel(Channel channel) {
        if (open.incrementAndGet() > config.maxConnections()) {
            open.decrementAndGet();
            metrics.refusedServerFull();
            log.warn("connection from {} refused: the server holds its maximum of {} connections",
                    channel.remoteAddress(), config.maxConnections());
            channel.close();
            return;
        }
        channel.closeFuture().addListener(f -> open.decrementAndGet());
        Connection connection = new Connection(channel, new SerialExecutor(executor), metrics,
                config.maxOutboundBytesPerConnection(), config.maxQueuedFramesPerConnection());
        ChannelPipeline pipeline = channel.pipeline();
        // TLS first, below everything else; only on sockets: in-VM connections come from this process (the
        // WebSocket bridge, whose browser side HTTPS protects). The handshake runs on the event loop without
        // blocking: the certificate and key were loaded when the server started.
        if (tls.isPresent() && !(channel instanceof LocalChannel)) {
            pipeline.addLast("tls", tls.get().newHandler(channel.alloc()));
        }
        // First, so that it sees every flush: replies and pushes written from worker threads each ask for a
        // flush, and outside a read it merges them into one flush per event-loop turn.
        pipeline.addLast("flush", new FlushConsolidationHandler(FLUSHES_PER_SYSCALL, true));
        pipeline.addLast("idle", new IdleStateHandler(config.heartbeatTimeout().toNanos(), 0, 0, TimeUnit.NANOSECONDS));
        pipeline.addLast("frame", new TlvFrameDecoder(config.maxFrameBytes()));
        pipeline.addLast("packet-decoder", packetDecoder);
        pipeline.addLast("packet-encoder", packetEncoder);
        pipeline.addLast("connection", new ConnectionHandler(connection, dispatcher, registry, config.signInTimeout(),
                new FrameRate(config.framesPerConnection()), nanoTime, metrics));
        onConnection.accept(connection);
    }
}
