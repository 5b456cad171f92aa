package io.jim.adapter.http;

import io.jim.adapter.http.support.Http;
import io.jim.application.port.out.StorageHealth;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/** Starts an {@link HttpServer} on a random port of 127.0.0.1 and gives a client for it. */
final class ServerHarness implements AutoCloseable {

    static final String ADMIN_TOKEN = "admin-secret-token";

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final HttpServer server;
    final Http http;

    ServerHarness(HttpUseCases useCases, StorageHealth health, Optional<String> adminToken) {
        server = new HttpServer(new HttpConfig("127.0.0.1", 0, adminToken, HttpConfig.DEFAULT_MAX_BODY_BYTES),
                useCases, health, registry).start();
        http = new Http(server.port());
    }

    ServerHarness(HttpUseCases useCases) {
        this(useCases, () -> true, Optional.of(ADMIN_TOKEN));
    }

    @Override
    public void close() {
        server.stop();
    }
}
