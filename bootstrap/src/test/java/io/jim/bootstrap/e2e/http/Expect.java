package io.jim.bootstrap.e2e.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Assertions on answers: the status, and for errors the body {@code {code, error, message[, field]}}. */
final class Expect {

    private Expect() {
    }

    /** The status, and the body as JSON (an empty body is a missing node). */
    static JsonNode status(Api.Answer a, int status) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        return a.body().isEmpty() ? MissingNode.getInstance() : a.json();
    }

    /** 204 with no body. */
    static void noContent(Api.Answer a) {
        assertThat(a.status()).as(a.toString()).isEqualTo(204);
        assertThat(a.body()).as(a.toString()).isEmpty();
    }

    /** An error answer: status, result code, its name and a message for people. */
    static JsonNode error(Api.Answer a, int status, int code, String name) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        assertThat(a.headers().firstValue("Content-Type").orElse("")).as(a.toString()).startsWith("application/json");
        JsonNode body = a.json();
        assertThat(body.path("code").isInt()).as(a.toString()).isTrue();
        assertThat(body.path("code").asInt()).as(a.toString()).isEqualTo(code);
        assertThat(body.path("error").asText()).as(a.toString()).isEqualTo(name);
        assertThat(body.path("message").asText()).as(a.toString()).isNotBlank();
        assertThat(a.body()).as("no stack trace: " + a).doesNotContain("Exception").doesNotContain("\tat ");
        return body;
    }

    /** 400 INVALID_ARGUMENT naming {@code field}. */
    static JsonNode invalid(Api.Answer a, String field) {
        JsonNode body = error(a, 400, 5, "INVALID_ARGUMENT");
        assertThat(body.path("field").asText()).as(a.toString()).isEqualTo(field);
        return body;
    }

    static JsonNode unauthenticated(Api.Answer a) {
        return error(a, 401, 4, "UNAUTHENTICATED");
    }

    static JsonNode notFound(Api.Answer a) {
        return error(a, 404, 6, "NOT_FOUND");
    }

    static JsonNode denied(Api.Answer a) {
        return error(a, 403, 7, "PERMISSION_DENIED");
    }

    static JsonNode conflict(Api.Answer a) {
        return error(a, 409, 8, "CONFLICT");
    }
}
