package io.jim.adapter.http;

import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the HTTP server: where to listen ({@code port} 0 picks a free port), the admin token
 * (empty turns the admin API off: its routes answer 401), and the largest request body accepted.
 */
public record HttpConfig(String bindAddress, int port, Optional<String> adminToken, int maxBodyBytes) {

    /** HTTP-API.md: request bodies over 64 KiB are refused with 413. */
    public static final int DEFAULT_MAX_BODY_BYTES = 65536;

    public HttpConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(adminToken, "adminToken");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        if (adminToken.isPresent() && adminToken.get().isBlank()) {
            // A blank token would let "Authorization: Bearer " in; absent is the way to turn the API off.
            throw new IllegalArgumentException("the admin token must not be blank (leave it unset to turn the admin API off)");
        }
    }

    @Override
    public String toString() {
        return "HttpConfig[bindAddress=" + bindAddress + ", port=" + port + ", adminToken="
                + (adminToken.isPresent() ? "set" : "unset") + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
