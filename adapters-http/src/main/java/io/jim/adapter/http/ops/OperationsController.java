package io.jim.adapter.http.ops;

import io.javalin.http.Context;
import io.jim.adapter.http.web.Access;
import io.jim.adapter.http.web.Route;
import io.jim.application.port.out.StorageHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Operations endpoints, open to anyone: health, Prometheus metrics and the OpenAPI document. */
public final class OperationsController {

    /** Where the hand-written OpenAPI document lives on the class path. */
    public static final String OPENAPI_RESOURCE = "/io/jim/adapter/http/openapi.json";

    private static final Logger LOG = LoggerFactory.getLogger(OperationsController.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final StorageHealth storageHealth;
    private final PrometheusMeterRegistry registry;
    private final byte[] openApi;

    public OperationsController(StorageHealth storageHealth, PrometheusMeterRegistry registry) {
        this.storageHealth = Objects.requireNonNull(storageHealth, "storageHealth");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.openApi = loadOpenApi();
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/health", Access.PUBLIC, this::health),
                Route.get("/metrics", Access.PUBLIC, this::metrics),
                Route.get("/openapi.json", Access.PUBLIC, this::openApi));
    }

    /** The OpenAPI document as served. */
    public static byte[] loadOpenApi() {
        try (InputStream in = OperationsController.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void health(Context ctx) {
        boolean up;
        try {
            up = storageHealth.isUp();
        } catch (RuntimeException e) {
            // The port promises not to throw; if an implementation does anyway, the database counts as down.
            LOG.warn("storage health probe failed", e);
            up = false;
        }
        String state = up ? "UP" : "DOWN";
        ctx.status(up ? 200 : 503).json(new HealthResponse(state, state));
    }

    private void metrics(Context ctx) {
        ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape());
    }

    private void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }
}
