package io.jim.adapter.http.web;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import io.jim.application.port.in.account.Principal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs once per request after the answer: one structured log line and the request metrics, both
 * keyed by the route template (never the raw path, which would leak ids and explode cardinality).
 * It never logs bodies, query strings or headers, so no password or token can reach the log.
 */
public final class RequestObserver implements RequestLogger {

    /** The logger of the request log (its own name, so operators can route or silence it). */
    public static final String LOGGER_NAME = "io.jim.adapter.http.access";

    /** The Micrometer name; Prometheus shows it as http_server_requests_seconds_*. */
    public static final String METRIC = "http.server.requests";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private final MeterRegistry registry;

    public RequestObserver(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void handle(Context ctx, Float executionTimeMs) {
        try {
            int status = ctx.statusCode();
            String method = ctx.method().name();
            String template = template(ctx, status);
            float millis = executionTimeMs == null ? 0f : executionTimeMs;
            Timer.builder(METRIC)
                    .description("HTTP requests by route template, method and status")
                    .tag("method", method)
                    .tag("uri", template)
                    .tag("status", Integer.toString(status))
                    .tag("outcome", outcome(status))
                    // Buckets let Prometheus compute latency quantiles across instances; the range bounds their number.
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry)
                    .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
            String duration = String.format(Locale.ROOT, "%.1f", millis);
            Optional<Principal> caller = BearerAuth.principalIfAny(ctx);
            if (caller.isPresent()) {
                LOG.info("method={} route={} status={} duration_ms={} user_id={} device_id={}", method, template, status,
                        duration,
                        caller.get().userId().value(), caller.get().deviceId().value());
            } else {
                LOG.info("method={} route={} status={} duration_ms={}", method, template, status,
                        duration);
            }
        } finally {
            // Virtual threads are not reused, but a platform-thread pool would be: never leak the caller.
            MDC.remove("user_id");
            MDC.remove("device_id");
        }
    }

    private static String template(Context ctx, int status) {
        Route route = Routes.matched(ctx);
        if (route != null) {
            return route.path();
        }
        if (status < 400 && ctx.routeRoles().contains(StaticFileRole.PUBLIC)) {
            return "STATIC"; // the chat page's files: one label for all of them
        }
        return switch (status) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            default -> "UNMATCHED";
        };
    }

    private static String outcome(int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        return "SUCCESS";
    }
}
