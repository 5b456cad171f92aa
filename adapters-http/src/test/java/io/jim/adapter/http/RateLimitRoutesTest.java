package io.jim.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.adapter.http.support.Http;
import io.jim.adapter.http.support.Http.Answer;
import io.jim.adapter.http.support.StubUseCases;
import io.jim.application.config.RateLimit;
import io.jim.application.port.in.account.Principal;
import io.jim.domain.device.DeviceId;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.UserId;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP abuse limits through the real server: 429 RATE_LIMITED with the standard error body and a
 * Retry-After header. The rates are tiny (one token per 1000 s) so that no token comes back during a test.
 */
class RateLimitRoutesTest {

    private static final RateLimit THREE_THEN_NONE = new RateLimit(0.001, 3);
    private static final String OTHER_TOKEN = "other-token";

    private final StubUseCases stubs = new StubUseCases();
    private HttpServer server;
    private Http http;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void start(RateLimit perToken, RateLimit perAddress, boolean exemptLoopback) {
        stubs.listFriends = c -> List.of();
        stubs.authenticate = token -> switch (token) {
            case StubUseCases.TOKEN -> StubUseCases.CALLER;
            case OTHER_TOKEN -> new Principal(UserId.of(2), DeviceId.of(22));
            default -> throw new DomainException(ErrorCode.UNAUTHENTICATED, "bad token");
        };
        HttpConfig config = new HttpConfig("127.0.0.1", 0, Optional.empty(), HttpConfig.DEFAULT_MAX_BODY_BYTES)
                .withLimits(perToken, perAddress, exemptLoopback);
        server = new HttpServer(config, stubs.useCases(), () -> true, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).start();
        http = new Http(server.port());
    }

    private static void assertRateLimited(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(429);
        assertThat(answer.json().path("code").asInt()).isEqualTo(9);
        assertThat(answer.json().path("error").asText()).isEqualTo("RATE_LIMITED");
        assertThat(answer.json().path("message").asText()).isNotBlank();
        assertThat(answer.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    }

    @Test
    void requestsOfOneTokenPastItsBurstShouldGet429WithRetryAfter() {
        start(THREE_THEN_NONE, RateLimit.OFF, false);
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/api/friends", StubUseCases.TOKEN).status()).isEqualTo(200);
        }

        assertRateLimited(http.get("/api/friends", StubUseCases.TOKEN));
    }

    @Test
    void anotherTokenShouldNotBeLimitedByTheFirstOnesRequests() {
        start(THREE_THEN_NONE, RateLimit.OFF, false);
        for (int i = 0; i < 4; i++) {
            http.get("/api/friends", StubUseCases.TOKEN);
        }

        assertThat(http.get("/api/friends", OTHER_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void aRateLimitedSendShouldBe429() {
        start(RateLimit.OFF, RateLimit.OFF, false);
        stubs.send = c -> {
            throw new DomainException(ErrorCode.RATE_LIMITED, "too many messages; retry later");
        };

        Answer answer = http.post("/api/messages", StubUseCases.TOKEN, "{\"receiver_type\":1,\"receiver_id\":2,\"type\":1,\"content\":\"hi\"}");

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.json().path("code").asInt()).isEqualTo(9);
    }

    @Test
    void loginsAndSignUpsFromOneAddressPastTheBurstShouldGet429() {
        start(RateLimit.OFF, THREE_THEN_NONE, false);
        assertThat(http.post("/api/sessions", null, "{}").status()).isEqualTo(400);
        assertThat(http.post("/api/users", null, "{}").status()).isEqualTo(400);
        assertThat(http.post("/api/sessions", null, "{}").status()).isEqualTo(400);

        assertRateLimited(http.post("/api/users", null, "{}"));
        assertRateLimited(http.post("/api/sessions", null, "{}"));
        assertThat(http.get("/openapi.json", null).status()).as("other public routes are not counted").isEqualTo(200);
    }

    @Test
    void loopbackAddressesShouldBeExemptFromTheLoginLimitWhenConfiguredSo() {
        start(RateLimit.OFF, THREE_THEN_NONE, true);
        for (int i = 0; i < 10; i++) {
            assertThat(http.post("/api/sessions", null, "{}").status()).isEqualTo(400);
        }
    }

    @Test
    void theDefaultsShouldBeOnAndExemptLoopback() {
        HttpConfig defaults = new HttpConfig("127.0.0.1", 0, Optional.empty(), HttpConfig.DEFAULT_MAX_BODY_BYTES);
        assertThat(defaults.requestsPerToken()).isEqualTo(new RateLimit(50, 100));
        assertThat(defaults.loginsPerAddress()).isEqualTo(new RateLimit(0.5, 30));
        assertThat(defaults.exemptLoopback()).isTrue();
        assertThat(defaults.idleTimeout()).hasSeconds(30);
    }
}
