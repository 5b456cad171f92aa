package io.jim.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jim.adapter.tcp.ConnectionRegistry;
import io.jim.adapter.tcp.TcpConfig;
import io.jim.adapter.tcp.TcpServer;
import io.jim.adapter.tcp.ws.WireBridge;
import io.jim.application.config.RateLimit;
import io.jim.application.port.in.message.AckInboxUseCase;
import io.jim.application.port.in.message.SendMessageUseCase;
import io.jim.application.port.in.message.SignInUseCase;
import io.jim.application.port.in.message.SyncInboxUseCase;
import io.jim.application.port.out.DeliveryGateway;
import io.jim.application.port.out.WireSessions;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The connection layer: the TCP server and its registry of live connections, which is the delivery gateway,
 * and the door through which WebSocket connections become ordinary connections of that server.
 */
public final class TcpModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(DeliveryGateway.class).to(ConnectionRegistry.class);
    }

    @Provides
    @Singleton
    ConnectionRegistry connectionRegistry(MeterRegistry meters) {
        return new ConnectionRegistry(meters);
    }

    @Provides
    @Singleton
    TcpConfig tcpConfig(JimConfig config) {
        return TcpConfig.DEFAULTS
                .withBindAddress(config.bindAddress())
                .withPort(config.tcpPort())
                .withMaxFrameBytes(config.maxFrameBytes())
                .withHeartbeatTimeout(config.heartbeatTimeout())
                .withSignInTimeout(config.signInTimeout())
                .withMaxOutboundBytesPerConnection(config.maxOutboundBytes())
                .withMaxConnections(config.limits().maxConnections())
                .withMaxConnectionsPerUser(config.limits().maxConnectionsPerUser())
                .withFramesPerConnection(RateLimit.perSecond(config.limits().maxFramesPerSecond()))
                .withTls(config.tls());
    }

    @Provides
    @Singleton
    TcpServer tcpServer(TcpConfig config, SignInUseCase signIn, SendMessageUseCase send, SyncInboxUseCase sync,
            AckInboxUseCase ack, ConnectionRegistry registry, MeterRegistry meters) {
        return new TcpServer(config, signIn, send, sync, ack, registry, meters);
    }

    @Provides
    @Singleton
    WireSessions wireSessions(TcpServer server) {
        return new WireBridge(server);
    }
}
