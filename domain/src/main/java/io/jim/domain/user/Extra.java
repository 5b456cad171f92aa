package io.jim.domain.user;

import io.jim.domain.shared.DomainException;
import java.nio.charset.StandardCharsets;

/** The free-form {@code extra} JSON object of users and groups: stored as text, at most 4 KiB. */
public final class Extra {

    public static final int MAX_BYTES = 4096;

    private Extra() {
    }

    /** Returns the JSON text ({@code "{}"} when absent) if it fits the limit. */
    public static String check(String json) {
        if (json == null || json.isEmpty()) {
            return "{}";
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw DomainException.invalid("extra", "extra must be at most " + MAX_BYTES + " bytes of JSON");
        }
        return json;
    }
}
