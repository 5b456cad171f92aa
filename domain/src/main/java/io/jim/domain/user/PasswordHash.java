package io.jim.domain.user;

import java.util.Objects;

/** A slow salted password hash in its self-describing encoded form; never the password itself. */
public record PasswordHash(String encoded) {

    public PasswordHash {
        Objects.requireNonNull(encoded, "encoded");
    }

    @Override
    public String toString() {
        return "PasswordHash[redacted]";
    }
}
