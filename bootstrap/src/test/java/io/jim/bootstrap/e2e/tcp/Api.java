package io.jim.bootstrap.e2e.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The server's HTTP API through {@code java.net.http}, JSON through Jackson; used for setup and for looking at inboxes. */
final class Api {

    /** A status and a parsed body (a missing node for an empty body). */
    record Response(int status, JsonNode body, String raw) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Parses JSON text (the content of a command message, say). */
    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** One request; {@code token} may be null (public endpoints), {@code body} null for none. */
    Response call(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(json(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode parsed = raw == null || raw.isBlank() ? MissingNode.getInstance() : JSON.readTree(raw);
            return new Response(response.statusCode(), parsed, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** One request that must answer {@code status}; returns its body. */
    JsonNode expect(int status, String method, String path, String token, Object body) {
        Response response = call(method, path, token, body);
        assertThat(response.status()).as("%s %s answered %s", method, path, response.raw()).isEqualTo(status);
        return response.body();
    }
}
