package io.jim.domain.device;

import java.util.Objects;

/** The stored hash of a device token (the token itself is never stored). */
public record TokenHash(String encoded) {

    public TokenHash {
        Objects.requireNonNull(encoded, "encoded");
    }

    @Override
    public String toString() {
        return "TokenHash[redacted]";
    }
}
