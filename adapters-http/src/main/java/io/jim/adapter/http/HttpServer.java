package io.jim.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.jim.adapter.http.account.AccountController;
import io.jim.adapter.http.admin.AdminController;
import io.jim.adapter.http.friend.FriendController;
import io.jim.adapter.http.group.GroupController;
import io.jim.adapter.http.message.MessageController;
import io.jim.adapter.http.ops.OperationsController;
import io.jim.adapter.http.tls.PemKeyStore;
import io.jim.adapter.http.web.BearerAuth;
import io.jim.adapter.http.web.ErrorHandling;
import io.jim.adapter.http.web.JsonBody;
import io.jim.adapter.http.web.JsonErrorHandler;
import io.jim.adapter.http.web.RequestObserver;
import io.jim.adapter.http.web.RequestRateLimits;
import io.jim.adapter.http.web.Route;
import io.jim.adapter.http.ws.ChatPage;
import io.jim.adapter.http.ws.WebSocketEndpoint;
import io.jim.application.config.TlsFiles;
import io.jim.application.port.out.StorageHealth;
import io.jim.application.port.out.UnavailableException;
import io.jim.application.port.out.WireSessions;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP API of HTTP-API.md on Javalin (Jetty, virtual threads): the route table, the bearer-token
 * before-handler, error mapping, the request log and metrics. Building it does no I/O; {@link #start()}
 * binds the port.
 */
public final class HttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private static final WireSessions NO_WIRE_SESSIONS = (sink, remoteAddress) -> {
        throw new IllegalStateException("this server has no connection layer");
    };

    private final HttpConfig config;
    private final List<Route> routes;
    private final Javalin app;
    private volatile boolean started;

    /** A server whose WebSocket endpoint refuses every connection (for tests of the HTTP API alone). */
    public HttpServer(HttpConfig config, HttpUseCases useCases, StorageHealth storageHealth, PrometheusMeterRegistry registry) {
        this(config, useCases, storageHealth, registry, NO_WIRE_SESSIONS);
    }

    /** A server with the WebSocket transport at {@value WebSocketEndpoint#PATH} over {@code wireSessions} and the chat page at /. */
    public HttpServer(HttpConfig config, HttpUseCases useCases, StorageHealth storageHealth, PrometheusMeterRegistry registry,
                      WireSessions wireSessions) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(storageHealth, "storageHealth");
        Objects.requireNonNull(registry, "registry");
        WebSocketEndpoint webSocket = new WebSocketEndpoint(wireSessions);

        JsonBody json = new JsonBody(JsonBody.newMapper(), config.maxBodyBytes());
        this.routes = List.copyOf(Stream.of(
                        new AccountController(useCases.accounts(), json).routes(),
                        new FriendController(useCases.friends(), json).routes(),
                        new GroupController(useCases.groups(), json).routes(),
                        new MessageController(useCases.messages(), json).routes(),
                        new AdminController(useCases.messages().adminPush(), json).routes(),
                        new OperationsController(storageHealth, registry).routes())
                .flatMap(List::stream)
                .toList());
        requireUnique(routes);

        BearerAuth auth = new BearerAuth(useCases.accounts().authenticate(), config.adminToken());
        RequestObserver observer = new RequestObserver(registry);
        RequestRateLimits limits = new RequestRateLimits(config.requestsPerToken(), config.loginsPerAddress(), config.exemptLoopback(),
                System::nanoTime);
        this.app = Javalin.create(cfg -> {
            // Our own connector, for its idle timeout: a client that stops sending mid-request (slowloris) is
            // dropped after it. Waiting for the request head holds no thread (Jetty reads asynchronously and
            // dispatches once the head is complete); waiting for body bytes parks a virtual thread, not a platform one.
            // With TLS configured the same connector serves HTTPS instead (and /ws becomes wss).
            cfg.jetty.addConnector((server, httpConfiguration) -> {
                ServerConnector connector = config.tls().isPresent()
                        ? new ServerConnector(server, new SslConnectionFactory(tlsFactory(config.tls().get()), HttpVersion.HTTP_1_1.asString()),
                                new HttpConnectionFactory(secure(httpConfiguration)))
                        : new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
                connector.setHost(config.bindAddress());
                connector.setPort(config.port());
                connector.setIdleTimeout(config.idleTimeout().toMillis());
                return connector;
            });
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(json.mapper(), true));
            cfg.http.maxRequestSize = config.maxBodyBytes();
            // A known path with another method is 405, not 404 (HTTP-API.md "Conventions").
            cfg.http.prefer405over404 = true;
            cfg.requestLogger.http(observer);
            // Requests Jetty refuses itself (bad URI encoding, huge headers) get the API's JSON error body too.
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler.ForServletContext()));
            cfg.router.javaLangErrorHandler((res, error) -> {
                LOG.error("fatal error while handling a request", error);
                res.setStatus(500);
                res.setContentType("application/json");
                try {
                    res.getOutputStream().write("{\"code\":1,\"error\":\"INTERNAL\",\"message\":\"internal error\"}"
                            .getBytes(StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    LOG.debug("could not write the error body", e);
                }
            });

            cfg.routes.before(ctx -> {
                MDC.remove("user_id");
                MDC.remove("device_id");
                // Refuse a declared oversize body before authenticating or reading anything.
                if (ctx.req().getContentLengthLong() > config.maxBodyBytes()) {
                    throw new DomainException(ErrorCode.TOO_LARGE,
                            "the request body exceeds " + config.maxBodyBytes() + " bytes", "body");
                }
            });
            cfg.routes.beforeMatched(auth);
            cfg.routes.beforeMatched(limits);
            cfg.routes.ws(WebSocketEndpoint.PATH, webSocket::configure);
            cfg.staticFiles.add(ChatPage::configure);
            for (Route route : routes) {
                cfg.routes.addEndpoint(Endpoint.create(route.method(), route.path()).addMetadata(route).handler(route.handler()));
            }

            cfg.routes.exception(DomainException.class, ErrorHandling::domain);
            cfg.routes.exception(UnavailableException.class, ErrorHandling::unavailable);
            cfg.routes.exception(HttpResponseException.class, ErrorHandling::framework);
            cfg.routes.exception(Exception.class, ErrorHandling::unexpected);
        });
    }

    /** TLS 1.3 and 1.2 with the PEM certificate chain and key (read now, so a bad file fails the constructor). */
    private static SslContextFactory.Server tlsFactory(TlsFiles files) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(PemKeyStore.load(files));
        factory.setKeyStorePassword(PemKeyStore.PASSWORD);
        factory.setKeyManagerPassword(PemKeyStore.PASSWORD);
        factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        return factory;
    }

    /** A copy of Javalin's HTTP configuration that marks requests secure (https scheme); no SNI host check: one certificate. */
    private static HttpConfiguration secure(HttpConfiguration base) {
        HttpConfiguration secure = new HttpConfiguration(base);
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        customizer.setSniHostCheck(false);
        secure.addCustomizer(customizer);
        return secure;
    }

    /** Binds the configured address and port and starts serving; returns this server. */
    public HttpServer start() {
        app.start();
        started = true;
        LOG.info("HTTP API listening on {}:{} ({}, admin API {})", config.bindAddress(), app.port(),
                config.tls().isPresent() ? "HTTPS" : "HTTP",
                config.adminToken().isPresent() ? "on" : "off");
        return this;
    }

    /** The port actually bound (the random one when configured with 0); only after {@link #start()}. */
    public int port() {
        if (!started) {
            throw new IllegalStateException("the server is not started");
        }
        return app.port();
    }

    /** Stops accepting requests and releases the port. */
    public void stop() {
        app.stop();
        started = false;
    }

    /** The route table, in registration order (for the OpenAPI check and documentation). */
    public List<Route> routes() {
        return routes;
    }

    private static void requireUnique(List<Route> routes) {
        Set<String> keys = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (Route r : routes) {
            if (!keys.add(r.key())) {
                duplicates.add(r.key());
            }
        }
        if (!duplicates.isEmpty()) {
            throw new IllegalStateException("routes registered twice: " + duplicates);
        }
    }
}
