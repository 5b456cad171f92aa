package io.jim.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.adapter.http.support.Http.Answer;

/** Assertions shared by the route tests. */
final class RouteTestSupport {

    private RouteTestSupport() {
    }

    static Answer assertStatus(Answer a, int status) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        return a;
    }

    /** An error answer with the contract's status, code and name (and, for a 400, the field named). */
    static Answer assertError(Answer a, int status, int code, String name) {
        assertStatus(a, status);
        assertThat(a.json().path("code").asInt()).as(a.toString()).isEqualTo(code);
        assertThat(a.json().path("error").asText()).as(a.toString()).isEqualTo(name);
        assertThat(a.json().path("message").asText()).as(a.toString()).isNotBlank();
        return a;
    }

    static Answer assertInvalid(Answer a, String field) {
        assertError(a, 400, 5, "INVALID_ARGUMENT");
        assertThat(a.json().path("field").asText()).as(a.toString()).isEqualTo(field);
        return a;
    }

    /** A JSON string literal (quotes and escapes) for building bodies in tests. */
    static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
