package io.jim.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jim.adapter.http.HttpConfig;
import io.jim.adapter.http.HttpServer;
import io.jim.adapter.http.HttpUseCases;
import io.jim.adapter.http.account.AccountUseCases;
import io.jim.adapter.http.friend.FriendUseCases;
import io.jim.adapter.http.group.GroupUseCases;
import io.jim.adapter.http.message.MessageUseCases;
import io.jim.application.config.RateLimit;
import io.jim.application.port.out.StorageHealth;
import io.jim.application.port.out.WireSessions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The HTTP API: the use-case groups its controllers need, and the server (with the WebSocket transport and the chat page). */
public final class HttpModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(AccountUseCases.class).toConstructor(Constructors.onlyPublic(AccountUseCases.class)).in(Singleton.class);
        bind(FriendUseCases.class).toConstructor(Constructors.onlyPublic(FriendUseCases.class)).in(Singleton.class);
        bind(GroupUseCases.class).toConstructor(Constructors.onlyPublic(GroupUseCases.class)).in(Singleton.class);
        bind(MessageUseCases.class).toConstructor(Constructors.onlyPublic(MessageUseCases.class)).in(Singleton.class);
        bind(HttpUseCases.class).toConstructor(Constructors.onlyPublic(HttpUseCases.class)).in(Singleton.class);
    }

    @Provides
    @Singleton
    HttpConfig httpConfig(JimConfig config) {
        return new HttpConfig(config.bindAddress(), config.httpPort(), config.adminToken(), HttpConfig.DEFAULT_MAX_BODY_BYTES)
                .withLimits(RateLimit.perSecond(config.limits().httpMaxRequestsPerSecondPerToken()),
                        RateLimit.perMinute(config.limits().httpMaxLoginsPerMinutePerIp()), true)
                .withIdleTimeout(config.limits().httpIdleTimeout())
                .withTls(config.tls());
    }

    @Provides
    @Singleton
    HttpServer httpServer(HttpConfig config, HttpUseCases useCases, StorageHealth health, PrometheusMeterRegistry meters,
            WireSessions wireSessions) {
        return new HttpServer(config, useCases, health, meters, wireSessions);
    }
}
