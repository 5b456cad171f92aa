package io.jim.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.jim.adapter.http.support.Fixtures;
import io.jim.adapter.http.support.Http.Answer;
import io.jim.adapter.http.support.LogCapture;
import io.jim.adapter.http.support.StubUseCases;
import io.jim.adapter.http.web.RequestObserver;
import io.jim.application.port.out.UnavailableException;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The cross-cutting behaviour of the HTTP stack, over stubbed use cases. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebLayerTest {

    private final StubUseCases stubs = new StubUseCases();
    private final AtomicBoolean databaseUp = new AtomicBoolean(true);
    private ServerHarness h;

    @BeforeAll
    void start() {
        h = new ServerHarness(stubs.useCases(), databaseUp::get, Optional.of(ServerHarness.ADMIN_TOKEN));
    }

    @AfterAll
    void stop() {
        h.close();
    }

    @BeforeEach
    void reset() {
        databaseUp.set(true);
        stubs.me = p -> Fixtures.user(p.userId().value(), "alice");
    }

    private static void assertError(Answer a, int status, int code, String name) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        assertThat(a.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(a.json().path("code").asInt()).as(a.toString()).isEqualTo(code);
        assertThat(a.json().path("error").asText()).isEqualTo(name);
        assertThat(a.json().path("message").asText()).isNotBlank();
    }

    @Test
    void unknownPathIs404WithCode6() {
        assertError(h.http.get("/api/nothing-here", StubUseCases.TOKEN), 404, 6, "NOT_FOUND");
        assertError(h.http.get("/no-such-page", null), 404, 6, "NOT_FOUND");
        assertError(h.http.post("/api/users/me/extra", StubUseCases.TOKEN, "{}"), 404, 6, "NOT_FOUND");
    }

    @Test
    void knownPathWithWrongMethodIs405WithCode5AndAllowHeader() {
        Answer a = h.http.delete("/api/users/me", StubUseCases.TOKEN);
        assertError(a, 405, 5, "INVALID_ARGUMENT");
        assertThat(a.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET").contains("PATCH"));
        assertError(h.http.send("PUT", "/api/messages", StubUseCases.TOKEN, "{}"), 405, 5, "INVALID_ARGUMENT");
        assertError(h.http.post("/health", null, "{}"), 405, 5, "INVALID_ARGUMENT");
    }

    @Test
    void wrongMethodIs405EvenWithoutAToken() {
        assertError(h.http.send("PUT", "/api/users/me", null, "{}"), 405, 5, "INVALID_ARGUMENT");
    }

    @Test
    void protectedRouteWithoutTokenIs401Code4() {
        assertError(h.http.get("/api/users/me", null), 401, 4, "UNAUTHENTICATED");
    }

    @Test
    void protectedRouteWithUnknownTokenIs401Code4() {
        assertError(h.http.get("/api/users/me", "not-a-token"), 401, 4, "UNAUTHENTICATED");
    }

    @Test
    void malformedAuthorizationHeadersAre401() {
        for (String header : new String[] {"good-token", "Basic Z29vZC10b2tlbg==", "Bearer", "Bearer ", "Bearer    ", "Token good-token"}) {
            Answer a = h.http.send(h.http.request("/api/users/me").header("Authorization", header), "GET", null);
            assertError(a, 401, 4, "UNAUTHENTICATED");
        }
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        Answer a = h.http.send(h.http.request("/api/users/me").header("Authorization", "bearer " + StubUseCases.TOKEN), "GET", null);
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
    }

    @Test
    void registrationAndLoginNeedNoToken() {
        // No token and an empty body: the route is reached (400 for the body), not refused with 401.
        assertError(h.http.post("/api/users", null, ""), 400, 5, "INVALID_ARGUMENT");
        assertError(h.http.post("/api/sessions", null, ""), 400, 5, "INVALID_ARGUMENT");
    }

    @Test
    void operationsEndpointsNeedNoToken() {
        assertThat(h.http.get("/health", null).status()).isEqualTo(200);
        assertThat(h.http.get("/metrics", null).status()).isEqualTo(200);
        assertThat(h.http.get("/openapi.json", null).status()).isEqualTo(200);
    }

    @Test
    void unexpectedExceptionIs500Code1WithoutStackTraceAndIsLoggedOnceAtError() {
        stubs.me = p -> {
            throw new IllegalStateException("secret internal detail");
        };
        try (LogCapture log = new LogCapture("io.jim.adapter.http")) {
            Answer a = h.http.get("/api/users/me", StubUseCases.TOKEN);
            assertError(a, 500, 1, "INTERNAL");
            assertThat(a.body()).doesNotContain("secret internal detail").doesNotContain("Exception").doesNotContain("at io.");
            assertThat(log.events().stream().filter(e -> e.getLevel() == Level.ERROR)).hasSize(1);
        }
    }

    @Test
    void unavailableStorageIs503Code11() {
        stubs.me = p -> {
            throw new UnavailableException("db down", new SQLException("connection refused"));
        };
        Answer a = h.http.get("/api/users/me", StubUseCases.TOKEN);
        assertError(a, 503, 11, "UNAVAILABLE");
        assertThat(a.body()).doesNotContain("connection refused");
    }

    @Test
    void domainExceptionCarriesItsCodeAndMessage() {
        stubs.me = p -> {
            throw new DomainException(ErrorCode.RATE_LIMITED, "slow down");
        };
        Answer a = h.http.get("/api/users/me", StubUseCases.TOKEN);
        assertError(a, 429, 9, "RATE_LIMITED");
        assertThat(a.json().path("message").asText()).isEqualTo("slow down");
        assertThat(a.json().has("field")).isFalse();
    }

    @Test
    void invalidArgumentFromAUseCaseNamesTheField() {
        stubs.me = p -> {
            throw DomainException.invalid("nickname", "nickname must be 1 to 32 characters long");
        };
        Answer a = h.http.get("/api/users/me", StubUseCases.TOKEN);
        assertError(a, 400, 5, "INVALID_ARGUMENT");
        assertThat(a.json().path("field").asText()).isEqualTo("nickname");
    }

    @Test
    void healthIsUpWith200WhenTheDatabaseAnswers() {
        Answer a = h.http.get("/health", null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("status").asText()).isEqualTo("UP");
        assertThat(a.json().path("database").asText()).isEqualTo("UP");
    }

    @Test
    void healthIsDownWith503WhenTheDatabaseDoesNotAnswer() {
        databaseUp.set(false);
        Answer a = h.http.get("/health", null);
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.json().path("status").asText()).isEqualTo("DOWN");
        assertThat(a.json().path("database").asText()).isEqualTo("DOWN");
    }

    @Test
    void metricsServePrometheusTextWithRequestCountsByRouteTemplate() {
        h.http.get("/api/users/me", StubUseCases.TOKEN);
        h.http.get("/api/users/12345", "bad-token");
        Answer a = h.http.get("/metrics", null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain").contains("version=0.0.4"));
        assertThat(a.body())
                .contains("http_server_requests_seconds_count{")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"200\"[^}]*uri=\"/api/users/me\"[^}]*} [1-9]")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"401\"[^}]*uri=\"/api/users/\\{user_id}\"")
                .containsPattern("http_server_requests_seconds_bucket\\{")
                .doesNotContain("12345");
    }

    @Test
    void requestLogHasOneLinePerRequestWithTemplateStatusAndUserButNoSecrets() {
        try (LogCapture log = new LogCapture(RequestObserver.LOGGER_NAME)) {
            h.http.get("/api/users/me", StubUseCases.TOKEN);
            h.http.post("/api/sessions", null, "{\"account\":\"alice\",\"password\":\"hunter2-secret\",\"device\":{\"type\":99}}");
            h.http.get("/api/users/987654?account=private", "some-secret-token");

            assertThat(log.messages()).hasSize(3);
            assertThat(log.messages().get(0))
                    .contains("method=GET").contains("route=/api/users/me").contains("status=200").contains("duration_ms=")
                    .contains("user_id=1").contains("device_id=11");
            assertThat(log.messages().get(1)).contains("route=/api/sessions").contains("status=400").doesNotContain("user_id");
            assertThat(log.messages().get(2)).contains("route=/api/users/{user_id}").contains("status=401");
            for (ILoggingEvent e : log.events()) {
                assertThat(e.getFormattedMessage())
                        .doesNotContain("hunter2").doesNotContain(StubUseCases.TOKEN).doesNotContain("some-secret-token")
                        .doesNotContain("987654").doesNotContain("private").doesNotContain("Bearer");
            }
        }
    }

    @Test
    void handlersRunOnVirtualThreads() {
        AtomicBoolean virtual = new AtomicBoolean(false);
        stubs.me = p -> {
            virtual.set(Thread.currentThread().isVirtual());
            return Fixtures.user(p.userId().value(), "alice");
        };
        assertThat(h.http.get("/api/users/me", StubUseCases.TOKEN).status()).isEqualTo(200);
        assertThat(virtual).isTrue();
    }

    @Test
    void headOfAProtectedGetRouteStillNeedsAToken() {
        Answer a = h.http.send(h.http.request("/api/users/me").method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()), "HEAD", null);
        assertThat(a.status()).isEqualTo(401);
    }
}
