package io.jim.bootstrap.e2e.http;

import static io.jim.bootstrap.e2e.http.Expect.error;
import static io.jim.bootstrap.e2e.http.Expect.invalid;
import static io.jim.bootstrap.e2e.http.Expect.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.bootstrap.e2e.http.Api.Answer;
import io.jim.bootstrap.e2e.http.Api.Session;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Operations endpoints and the web layer's generic answers (404, 405, 413, bad JSON) on the real server. */
class OperationsE2ETest {

    /** Every path of the HTTP-API.md tables. */
    private static final List<String> CONTRACT_PATHS = List.of(
            "/api/users", "/api/sessions", "/api/sessions/current", "/api/users/me", "/api/users/{user_id}",
            "/api/friends/requests", "/api/friends/requests/{request_id}/accept", "/api/friends/requests/{request_id}/reject",
            "/api/friends", "/api/friends/{user_id}",
            "/api/groups", "/api/groups/{group_id}", "/api/groups/{group_id}/members", "/api/groups/{group_id}/members/{user_id}",
            "/api/messages", "/api/messages/ack", "/api/admin/messages",
            "/health", "/metrics", "/openapi.json");

    /** Over 64 KiB of otherwise valid JSON. */
    private static String oversizeRegistration() {
        return Api.json("account", Api.account("huge"), "password", Api.PASSWORD, "nickname", "n",
                "extra", Api.obj("padding", "p".repeat(70_000)));
    }

    private static List<String> metricNames(String scrape) {
        List<String> names = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    @OnEachDatabase
    void healthShouldAnswer200WithServerAndDatabaseUp(RunningServer s) {
        JsonNode health = status(s.api().get("/health", null), 200);
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("database").asText()).isEqualTo("UP");
    }

    @OnEachDatabase
    void metricsShouldExposeHttpRequestTimingsAndJvmMetricsInPrometheusText(RunningServer s) {
        Api api = s.api();
        status(api.get("/health", null), 200);
        Answer a = api.get("/metrics", null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        List<String> names = metricNames(a.body());
        assertThat(names).contains("http_server_requests_seconds_count");
        assertThat(a.body()).contains("uri=\"/health\"");
        assertThat(names).anyMatch(n -> n.startsWith("jvm_memory_used"));
        assertThat(names).anyMatch(n -> n.startsWith("jvm_threads_live"));
        assertThat(names).anyMatch(n -> n.startsWith("jvm_gc_"));
        assertThat(names).as("TCP connection metrics").anyMatch(n -> n.startsWith("jim_tcp_connections"));
    }

    @OnEachDatabase
    void metricsShouldExposeTheDatabasePool(RunningServer s) {
        Answer a = s.api().get("/metrics", null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(metricNames(a.body())).anyMatch(n -> n.startsWith("hikaricp_connections") || n.startsWith("jdbc_connections"));
    }

    @OnEachDatabase
    void openApiShouldBeAnOpenApi3DocumentListingEveryPathOfTheContract(RunningServer s) {
        Answer a = s.api().get("/openapi.json", null);
        JsonNode doc = status(a, 200);
        assertThat(a.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/api/users").containsAll(CONTRACT_PATHS);
    }

    @OnEachDatabase
    void anUnknownPathShouldAnswer404WithCode6WithOrWithoutAToken(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("ops404");
        error(api.get("/no/such/path", null), 404, 6, "NOT_FOUND");
        error(api.get("/api/nothing-here", user.token()), 404, 6, "NOT_FOUND");
        error(api.post("/api/users/me/extra/deep", user.token(), "{}"), 404, 6, "NOT_FOUND");
    }

    @OnEachDatabase
    void aKnownPathWithTheWrongMethodShouldAnswer405WithCode5(RunningServer s) {
        Api api = s.api();
        Session user = api.newUser("ops405");
        error(api.send("PUT", "/api/users", null, "{}"), 405, 5, "INVALID_ARGUMENT");
        error(api.delete("/health", null), 405, 5, "INVALID_ARGUMENT");
        error(api.send("PUT", "/api/groups/1", user.token(), "{}"), 405, 5, "INVALID_ARGUMENT");
        error(api.get("/api/messages/ack", user.token()), 405, 5, "INVALID_ARGUMENT");
    }

    @OnEachDatabase
    void aBodyOver64KiBShouldAnswer413WhetherItsLengthIsDeclaredOrNot(RunningServer s) {
        Api api = s.api();
        String body = oversizeRegistration();
        assertThat(body.length()).isGreaterThan(64 * 1024);
        error(api.post("/api/users", null, body), 413, 10, "TOO_LARGE");

        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder chunked = api.request("/api/users").header("Content-Type", "application/json");
        error(api.sendRaw("POST", "/api/users", chunked,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))), 413, 10, "TOO_LARGE");

        Session user = api.newUser("ops413");
        error(api.patch("/api/users/me", user.token(), Api.json("extra", Api.obj("padding", "p".repeat(70_000)))), 413, 10, "TOO_LARGE");
    }

    @OnEachDatabase
    void malformedJsonOrAWrongTypeShouldAnswer400NamingTheFieldNeverA500(RunningServer s) {
        Api api = s.api();
        invalid(api.post("/api/users", null, "{not json"), "body");
        invalid(api.post("/api/users", null, "[1,2]"), "body");
        invalid(api.post("/api/users", null, ""), "body");
        invalid(api.post("/api/users", null, "{\"account\":\"abc\",\"account\":\"abd\",\"password\":\"x\",\"nickname\":\"n\"}"), "body");
        invalid(api.post("/api/users", null, Api.json("account", true, "password", Api.PASSWORD, "nickname", "n")), "account");
        invalid(api.post("/api/users", null, "{\"account\":null,\"password\":\"password1\",\"nickname\":\"n\"}"), "account");
        invalid(api.post("/api/sessions", null, Api.json("account", "abc", "password", Api.PASSWORD, "device", Api.obj("type", 1.5))),
                "device.type");
    }
}
