package io.jim.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.adapter.http.support.Http.Answer;
import io.jim.adapter.http.web.Route;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input against EVERY route of the route table (derived from the table, so a route added later
 * is covered too): hostile path ids and hostile bodies must get a 4xx with the API's error body, never a
 * 5xx and never a stack trace. {@link HostileInputTest} pins the exact status and field per case; this
 * sweep guarantees that no route was left out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputEveryRouteTest {

    /** Path ids that are not ids: negative, huge, hex, exponent, traversal, SQL, empty-ish. */
    private static final List<String> HOSTILE_IDS = List.of(
            "-1", "9223372036854775808", "99999999999999999999999", "0x10", "1e3", "abc", "..%2F..%2Fetc%2Fpasswd",
            "%2e%2e", "1%20OR%201=1", "1;DROP%20TABLE%20users", "%F0%9F%98%80", "1%00");

    /** Bodies that are not what any route expects. */
    private static final List<String> HOSTILE_BODIES = List.of(
            "{", "[]", "null", "\"text\"", "42", "{\"unknown_field_zz\":1}", "{\"a\":", "}{",
            "[".repeat(2000) + "]".repeat(2000),
            "{\"user_id\":\"1' OR '1'='1\",\"name\":\"x\\u0000y\",\"remark\":\"" + "r".repeat(5000) + "\"}",
            "{\"user_id\":-1,\"group_id\":9223372036854775807,\"receiver_id\":1e400,\"user_ids\":[-5,\"x\",null]}");

    private JimServer server;

    @BeforeAll
    void start() {
        server = new JimServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static Stream<Route> routes() {
        return AuthMatrixTest.routes().stream();
    }

    static Stream<Route> routesWithPathIds() {
        return routes().filter(r -> r.path().contains("{"));
    }

    static Stream<Route> routesWithBodies() {
        return routes().filter(r -> r.method().name().equals("POST") || r.method().name().equals("PATCH"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routesWithPathIds")
    void hostilePathIdsShouldGetAClientErrorOnEveryRoute(Route route) {
        String token = tokenFor(route);
        for (String id : HOSTILE_IDS) {
            String path = route.path().replaceAll("\\{[a-z_]+}", id);
            String body = route.method().name().equals("POST") || route.method().name().equals("PATCH") ? "{}" : null;
            assertClientError(server.http.send(route.method().name(), path, token, body), route, "id " + id);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routesWithBodies")
    void hostileBodiesShouldGetAClientErrorOnEveryRoute(Route route) {
        String token = tokenFor(route);
        String path = route.path().replaceAll("\\{[a-z_]+}", "1");
        for (String body : HOSTILE_BODIES) {
            assertClientError(server.http.send(route.method().name(), path, token, body), route,
                    "body " + (body.length() > 40 ? body.substring(0, 40) + "…" : body));
        }
    }

    /** A fresh user per route keeps every sweep inside the per-token request budget. */
    private String tokenFor(Route route) {
        return switch (route.access()) {
            case PUBLIC -> null;
            case USER -> server.user("hostile").token();
            case ADMIN -> ServerHarness.ADMIN_TOKEN;
        };
    }

    private static void assertClientError(Answer answer, Route route, String what) {
        String where = route.method() + " " + route.path() + " with " + what + " → " + answer;
        assertThat(answer.status()).as(where).isBetween(400, 499);
        JsonNode json = answer.json();
        assertThat(json.path("code").isInt()).as(where).isTrue();
        assertThat(json.path("error").isTextual()).as(where).isTrue();
        assertThat(json.path("message").isTextual()).as(where).isTrue();
        assertThat(answer.body()).as(where).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
