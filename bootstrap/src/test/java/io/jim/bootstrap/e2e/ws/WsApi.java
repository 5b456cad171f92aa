package io.jim.bootstrap.e2e.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The HTTP API for test setup: accounts, devices, friendships and groups. */
final class WsApi {

    /** One signed-in device: what the login returned. */
    record Login(String account, long userId, long deviceId, String token) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    static final String PASSWORD = "correct-horse-battery";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    WsApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    JsonNode expect(int status, String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            if (body != null) {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body()).isEqualTo(status);
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A new user signed in on a new device. */
    Login register(String prefix) {
        String account = prefix + "_" + COUNTER.incrementAndGet() + "_" + System.nanoTime() % 100000;
        expect(201, "POST", "/api/users", null, Map.of("account", account, "password", PASSWORD, "nickname", prefix));
        return login(account);
    }

    /** Another device of the same user. */
    Login login(String account) {
        JsonNode body = expect(201, "POST", "/api/sessions", null,
                Map.of("account", account, "password", PASSWORD, "device", Map.of("type", 5)));
        return new Login(account, body.get("user_id").asLong(), body.get("device_id").asLong(), body.get("token").asText());
    }

    void befriend(Login a, Login b) {
        long request = expect(201, "POST", "/api/friends/requests", a.token(), Map.of("user_id", b.userId())).get("request_id").asLong();
        expect(200, "POST", "/api/friends/requests/" + request + "/accept", b.token(), Map.of());
    }

    long createGroup(Login owner, List<Long> members) {
        return expect(201, "POST", "/api/groups", owner.token(), Map.of("name", "ws group", "member_ids", members))
                .get("group_id").asLong();
    }

    /** The user's newest inbox sequence (what SignInACK.max_sequence says). */
    long newestSequence(Login who) {
        long after = 0;
        while (true) {
            JsonNode page = expect(200, "GET", "/api/messages?after_sequence=" + after + "&limit=500", who.token(), null);
            for (JsonNode m : page.get("messages")) {
                after = m.get("sync_sequence").asLong();
            }
            if (!page.get("has_more").asBoolean()) {
                return after;
            }
        }
    }
}
