package io.jim.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.adapter.http.support.Http.Answer;
import io.jim.adapter.http.support.StubUseCases;
import io.jim.adapter.http.web.Access;
import io.jim.adapter.http.web.Route;
import io.jim.application.fake.InMemoryJim;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route of the route table against every kind of missing or bad credential. Derived from the
 * table itself, so a route added later is covered without touching this test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthMatrixTest {

    private JimServer server;
    private String revokedToken;
    private String replacedToken;

    @BeforeAll
    void start() {
        server = new JimServer();
        InMemoryJim.Session gone = server.user("gone");
        Answer logout = server.http.delete("/api/sessions/current", gone.token());
        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
        revokedToken = gone.token();

        InMemoryJim.Session old = server.user("relogin");
        String body = "{\"account\":\"" + old.user().account().value() + "\",\"password\":\"" + InMemoryJim.PASSWORD
                + "\",\"device\":{\"device_id\":" + old.deviceId().value() + ",\"type\":6}}";
        Answer relogin = server.http.post("/api/sessions", null, body);
        assertThat(relogin.status()).as(relogin.toString()).isEqualTo(201);
        replacedToken = old.token();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static List<Route> routes() {
        var config = new HttpConfig("127.0.0.1", 0, Optional.of("x"), HttpConfig.DEFAULT_MAX_BODY_BYTES);
        return new HttpServer(config, new StubUseCases().useCases(), () -> true,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).routes();
    }

    static Stream<Route> userRoutes() {
        return routes().stream().filter(r -> r.access() == Access.USER);
    }

    static Stream<Route> adminRoutes() {
        return routes().stream().filter(r -> r.access() == Access.ADMIN);
    }

    /** The route's path with every parameter filled in with an id, and a small valid-looking body. */
    private Answer call(Route r, String authorization) {
        String path = r.path().replaceAll("\\{[a-z_]+}", "1");
        var builder = server.http.request(path);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        byte[] body = switch (r.method().name()) {
            case "POST", "PATCH" -> "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            default -> null;
        };
        return server.http.send(builder, r.method().name(), body);
    }

    private static void assertUnauthenticated(Answer a, Route r) {
        assertThat(a.status()).as(r + " -> " + a).isEqualTo(401);
        assertThat(a.json().path("code").asInt()).isEqualTo(4);
        assertThat(a.json().path("error").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userRoutes")
    void userRouteRefusesARequestWithoutToken(Route r) {
        assertUnauthenticated(call(r, null), r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userRoutes")
    void userRouteRefusesAnUnknownToken(Route r) {
        assertUnauthenticated(call(r, "Bearer 1.bm90LWEtcmVhbC10b2tlbg"), r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userRoutes")
    void userRouteRefusesATokenRevokedByLogout(Route r) {
        assertUnauthenticated(call(r, "Bearer " + revokedToken), r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userRoutes")
    void userRouteRefusesATokenReplacedByANewerLogin(Route r) {
        assertUnauthenticated(call(r, "Bearer " + replacedToken), r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userRoutes")
    void userRouteRefusesTheAdminToken(Route r) {
        assertUnauthenticated(call(r, "Bearer " + ServerHarness.ADMIN_TOKEN), r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminRoutes")
    void adminRouteRefusesAUserToken(Route r) {
        InMemoryJim.Session user = server.user("notadmin");
        assertUnauthenticated(call(r, "Bearer " + user.token()), r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminRoutes")
    void adminRouteRefusesNoTokenAndAWrongToken(Route r) {
        assertUnauthenticated(call(r, null), r);
        assertUnauthenticated(call(r, "Bearer " + ServerHarness.ADMIN_TOKEN + "x"), r);
        assertUnauthenticated(call(r, "Bearer " + ServerHarness.ADMIN_TOKEN.substring(1)), r);
    }

    @Test
    void everyRouteIsEitherPublicByContractOrProtected() {
        List<String> publicRoutes = routes().stream().filter(r -> r.access() == Access.PUBLIC).map(Route::key).sorted().toList();
        assertThat(publicRoutes).containsExactly(
                "GET /health", "GET /metrics", "GET /openapi.json", "POST /api/sessions", "POST /api/users");
        assertThat(adminRoutes().map(Route::key)).containsExactly("POST /api/admin/messages");
    }
}
