package io.jim.adapter.tcp;

import io.jim.application.config.TlsFiles;
import io.jim.application.port.in.message.AckInboxUseCase;
import io.jim.application.port.in.message.SendMessageUseCase;
import io.jim.application.port.in.message.SignInUseCase;
import io.jim.application.port.in.message.SyncInboxUseCase;
import io.jim.proto.ResultCode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP endpoint of PROTOCOL.md: binds, accepts client connections and runs each one's protocol; on
 * {@link #stop()} tells every client Kick{23} before closing. Netty event loops only frame, decode and
 * write; use cases run on the given executor, one frame at a time per connection.
 */
public final class TcpServer {

    private static final Logger log = LoggerFactory.getLogger(TcpServer.class);

    private final TcpConfig config;
    private final ConnectionRegistry registry;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final TcpMetrics metrics;
    private final FrameDispatcher dispatcher;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private EventLoopGroup inVmGroup;
    private Channel serverChannel;
    /** The in-VM listener served by the same pipeline (WebSocket connections come in through it). */
    private Channel inVmChannel;
    private volatile InVmEndpoint inVm;
    private int port = -1;
    private boolean stopped;

    /**
     * A server whose blocking work runs on {@code executor} (it must run tasks off the calling thread, and
     * is not shut down by {@link #stop()}).
     */
    public TcpServer(TcpConfig config, SignInUseCase signIn, SendMessageUseCase send, SyncInboxUseCase sync,
                     AckInboxUseCase ack, ConnectionRegistry registry, MeterRegistry meters, Executor executor) {
        this(config, signIn, send, sync, ack, registry, meters, Objects.requireNonNull(executor, "executor"), null);
    }

    /** A server whose blocking work runs on its own virtual threads (shut down by {@link #stop()}). */
    public TcpServer(TcpConfig config, SignInUseCase signIn, SendMessageUseCase send, SyncInboxUseCase sync,
                     AckInboxUseCase ack, ConnectionRegistry registry, MeterRegistry meters) {
        this(config, signIn, send, sync, ack, registry, meters, null, Executors.newVirtualThreadPerTaskExecutor());
    }

    private TcpServer(TcpConfig config, SignInUseCase signIn, SendMessageUseCase send, SyncInboxUseCase sync,
                      AckInboxUseCase ack, ConnectionRegistry registry, MeterRegistry meters, Executor executor,
                      ExecutorService ownedExecutor) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(meters, "meters");
        this.ownedExecutor = ownedExecutor;
        this.executor = executor != null ? executor : ownedExecutor;
        this.metrics = new TcpMetrics(meters);
        this.dispatcher = new FrameDispatcher(
                new SignInProcessor(Objects.requireNonNull(signIn, "signIn")),
                new MessageSendProcessor(Objects.requireNonNull(send, "send"), metrics),
                new SyncProcessor(Objects.requireNonNull(sync, "sync"), metrics),
                new MessageAckProcessor(Objects.requireNonNull(ack, "ack")),
                registry, config.maxConnectionsPerUser(), metrics);
        Gauge.builder("jim.tcp.connections", connections, Set::size).description("open client connections, signed in or not")
                .strongReference(true).register(meters);
    }

    /** Binds and starts accepting; returns the bound port (the real one when the configured port is 0). */
    public synchronized int start() {
        if (serverChannel != null || stopped) {
            throw new IllegalStateException("a TcpServer starts once");
        }
        // Before any thread starts: a bad certificate or key fails start() and leaves nothing behind.
        Optional<SslContext> tls = config.tls().map(TcpServer::sslContext);
        boolean epoll = config.preferEpoll() && Epoll.isAvailable();
        IoHandlerFactory ioHandlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("jim-tcp-accept"), ioHandlers);
        workerGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("jim-tcp-io"), ioHandlers);
        inVmGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("jim-tcp-in-vm"), LocalIoHandler.newFactory());
        TcpChannelInitializer initializer = new TcpChannelInitializer(config, executor, metrics, registry, dispatcher, this::track, tls);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(initializer);
        ChannelFuture bind = bootstrap.bind(new InetSocketAddress(config.bindAddress(), config.port())).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            shutdownGroups();
            throw new IllegalStateException("cannot bind TCP " + config.bindAddress() + ":" + config.port(), bind.cause());
        }
        serverChannel = bind.channel();
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        // One initializer for both listeners: in-VM connections count against the same limits.
        ChannelFuture inVmBind = new ServerBootstrap().group(inVmGroup).channel(LocalServerChannel.class)
                .childHandler(initializer).bind(LocalAddress.ANY).awaitUninterruptibly();
        if (!inVmBind.isSuccess()) {
            serverChannel.close().awaitUninterruptibly();
            shutdownGroups();
            throw new IllegalStateException("cannot bind the in-VM listener", inVmBind.cause());
        }
        inVmChannel = inVmBind.channel();
        inVm = new InVmEndpoint((LocalAddress) inVmChannel.localAddress(), inVmGroup);
        log.info("TCP listening on {}:{} ({}{}), max frame {} bytes, heartbeat timeout {}, sign-in timeout {}, at most {} connections, "
                        + "{} per user, {} frames/s per connection",
                config.bindAddress(), port, epoll ? "epoll" : "nio", tls.isPresent() ? ", TLS" : "", config.maxFrameBytes(), config.heartbeatTimeout(), config.signInTimeout(),
                config.maxConnections(), config.maxConnectionsPerUser(),
                config.framesPerConnection().isOff() ? "unlimited" : config.framesPerConnection().perSecond());
        return port;
    }

    /** TLS 1.3 and 1.2 only, from the PEM certificate chain and PKCS#8 key (read here, once, not on an event loop). */
    private static SslContext sslContext(TlsFiles files) {
        try {
            return SslContextBuilder.forServer(files.certificateChain().toFile(), files.privateKey().toFile())
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the TLS certificate " + files.certificateChain() + " and key "
                    + files.privateKey() + ": " + e.getMessage(), e);
        }
    }

    /** The bound port; -1 before {@link #start()}. */
    public synchronized int port() {
        return port;
    }

    /** The in-VM door to this server's connection pipeline while it runs (from {@link #start()} until {@link #stop()}). */
    public Optional<InVmEndpoint> inVmEndpoint() {
        return Optional.ofNullable(inVm);
    }

    /** Open client connections, signed in or not. */
    public int openConnections() {
        return connections.size();
    }

    private void track(Connection connection) {
        connections.add(connection);
        connection.channel().closeFuture().addListener(f -> connections.remove(connection));
    }

    /**
     * Stops accepting, sends Kick{23} to every connection and closes it, waits until the client side of each
     * in-VM connection has read it, then shuts the event loops down. Each phase waits at most
     * {@link TcpConfig#shutdownTimeout()}. Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (serverChannel == null) {
            shutdownExecutor();
            return;
        }
        long timeoutMillis = config.shutdownTimeout().toMillis();
        serverChannel.close().awaitUninterruptibly(timeoutMillis);
        InVmEndpoint endpoint = inVm;
        inVm = null;
        inVmChannel.close().awaitUninterruptibly(timeoutMillis);
        int kicked = 0;
        for (Connection connection : connections) {
            connection.kick(ResultCode.SERVER_SHUTDOWN, "the server is shutting down");
            kicked++;
        }
        // One budget for the whole phase, not one per connection: a stuck event loop must not stall stop() once
        // for each of its connections.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Connection connection : connections) {
            if (!connection.channel().closeFuture().awaitUninterruptibly(millisUntil(deadline))) {
                log.warn("conn={} did not close within {} ms", connection.id(), timeoutMillis);
            }
        }
        // The client side of an in-VM connection (the WebSocket bridge) runs on the in-VM event loops too, and
        // reads the Kick only after the server side closed. An event loop that shuts down closes its channels
        // before it runs its queued tasks, which would drop that Kick unread: wait until the peers have it.
        for (Channel peer : endpoint.openPeers()) {
            if (!peer.closeFuture().awaitUninterruptibly(millisUntil(deadline))) {
                log.warn("in-VM peer {} did not close within {} ms", peer.localAddress(), timeoutMillis);
            }
        }
        shutdownGroups();
        shutdownExecutor();
        log.info("TCP stopped; {} connection(s) kicked", kicked);
    }

    /** What is left until {@code deadline} (a {@link System#nanoTime()}), in whole milliseconds, 0 once it passed. */
    private static long millisUntil(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private void shutdownGroups() {
        long timeoutMillis = config.shutdownTimeout().toMillis();
        // Quiet period 0: the connections are closed already, nothing is expected to arrive.
        Future<?> boss = bossGroup.shutdownGracefully(0, timeoutMillis, TimeUnit.MILLISECONDS);
        Future<?> workers = workerGroup.shutdownGracefully(0, timeoutMillis, TimeUnit.MILLISECONDS);
        Future<?> inVmWorkers = inVmGroup.shutdownGracefully(0, timeoutMillis, TimeUnit.MILLISECONDS);
        boss.awaitUninterruptibly(timeoutMillis);
        workers.awaitUninterruptibly(timeoutMillis);
        inVmWorkers.awaitUninterruptibly(timeoutMillis);
    }

    private void shutdownExecutor() {
        if (ownedExecutor == null) {
            return;
        }
        ownedExecutor.shutdown();
        try {
            if (!ownedExecutor.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                ownedExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            ownedExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
