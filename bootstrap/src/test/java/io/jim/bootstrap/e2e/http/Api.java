package io.jim.bootstrap.e2e.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A java.net.http client for one running jim: raw requests with an optional bearer token, JSON bodies
 * built from key/value pairs, and the few steps most tests start with (a new user signed in, a
 * friendship, a group, reading a whole inbox). Helpers that set up a test assert their own success.
 */
final class Api {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** The password of every user made by {@link #newUser}. */
    static final String PASSWORD = "correct-horse-battery";

    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** One answer, with the request it answers for assertion messages. */
    record Answer(String request, int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return request + " -> " + status + " " + body;
        }
    }

    /** A signed-in device of a user. */
    record Session(long userId, long deviceId, String token, String account) {
    }

    // ---- raw requests ----

    Answer get(String path, String token) {
        return send("GET", path, token, null);
    }

    Answer delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    Answer post(String path, String token, String json) {
        return send("POST", path, token, json);
    }

    Answer patch(String path, String token, String json) {
        return send("PATCH", path, token, json);
    }

    Answer send(String method, String path, String token, String json) {
        HttpRequest.Builder b = request(path);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return sendRaw(method, path, b, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    }

    /** Sends with full control of the headers and the body publisher. */
    Answer sendRaw(String method, String path, HttpRequest.Builder b, HttpRequest.BodyPublisher body) {
        b.method(method, body);
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(method + " " + path, r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    }

    // ---- JSON ----

    /** A JSON object from alternating keys and values (values: strings, numbers, lists, maps, nested objects). */
    static String json(Object... keysAndValues) {
        try {
            return MAPPER.writeValueAsString(obj(keysAndValues));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Map<String, Object> obj(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** A fresh account name (3-32 chars) starting with {@code prefix}. */
    static String account(String prefix) {
        return prefix + "_" + ACCOUNTS.incrementAndGet();
    }

    // ---- set-up steps ----

    Answer register(String account, String password, String nickname) {
        return post("/api/users", null, json("account", account, "password", password, "nickname", nickname));
    }

    Answer login(String account, String password, Long deviceId) {
        Map<String, Object> device = obj("type", 6, "brand", "e2e", "model", "jvm", "system_version", "25", "app_version", "1");
        if (deviceId != null) {
            device.put("device_id", deviceId);
        }
        return post("/api/sessions", null, json("account", account, "password", password, "device", device));
    }

    /** Registers a new user with {@link #PASSWORD} and signs in a new device. */
    Session newUser(String prefix) {
        String account = account(prefix);
        Answer registered = register(account, PASSWORD, prefix);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return signIn(account, PASSWORD, null);
    }

    /** Signs in (a new device without {@code deviceId}); asserts 201. */
    Session signIn(String account, String password, Long deviceId) {
        Answer a = login(account, password, deviceId);
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        JsonNode j = a.json();
        return new Session(j.path("user_id").asLong(), j.path("device_id").asLong(), j.path("token").asText(), account);
    }

    /** {@code from} asks {@code to}, who accepts: they are friends. */
    void befriend(Session from, Session to) {
        Answer request = post("/api/friends/requests", from.token(), json("user_id", to.userId()));
        assertThat(request.status()).as(request.toString()).isEqualTo(201);
        long id = request.json().path("request_id").asLong();
        Answer accept = post("/api/friends/requests/" + id + "/accept", to.token(), null);
        assertThat(accept.status()).as(accept.toString()).isEqualTo(200);
    }

    /** {@code owner} creates a group with {@code members}; returns its id. */
    long createGroup(Session owner, String name, Session... members) {
        List<Long> ids = new ArrayList<>();
        for (Session m : members) {
            ids.add(m.userId());
        }
        Answer a = post("/api/groups", owner.token(), json("name", name, "member_ids", ids));
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        return a.json().path("group_id").asLong();
    }

    /** The owner sets {@code target}'s role in the group. */
    void setRole(Session owner, long groupId, Session target, String role) {
        Answer a = patch("/api/groups/" + groupId + "/members/" + target.userId(), owner.token(), json("role", role));
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
    }

    /** Every copy in the caller's inbox, oldest first, read page by page. */
    List<JsonNode> inbox(Session s) {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            Answer a = get("/api/messages?after_sequence=" + after + "&limit=100", s.token());
            assertThat(a.status()).as(a.toString()).isEqualTo(200);
            JsonNode page = a.json();
            page.path("messages").forEach(all::add);
            if (!page.path("has_more").asBoolean()) {
                return all;
            }
            after = all.get(all.size() - 1).path("sync_sequence").asLong();
        }
    }

    /** The parsed {@code content} of a type-7 item. */
    static JsonNode command(JsonNode item) {
        try {
            return MAPPER.readTree(item.path("content").asText());
        } catch (JsonProcessingException e) {
            throw new AssertionError("command content is not JSON: " + item, e);
        }
    }
}
