package io.jim.application.port.out;

import io.jim.domain.device.DeviceId;
import io.jim.domain.device.TokenHash;
import java.util.Objects;
import java.util.Optional;

/**
 * Device tokens: at least 128 random bits from a secure source, URL-safe, naming their device so that
 * one lookup authenticates. Only {@link TokenHash}es are stored; comparisons run in constant time.
 */
public interface TokenIssuer {

    /** A fresh token for {@code device} and its hash. */
    Issued issue(DeviceId device);

    /** The device a well-formed token names, or empty for a malformed one. */
    Optional<DeviceId> deviceOf(String token);

    /** Constant-time: does {@code token} hash to {@code stored}? */
    boolean matches(String token, TokenHash stored);

    /** A token in the clear (returned once, at login) and the hash that is stored. */
    record Issued(String token, TokenHash hash) {
        public Issued {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(hash, "hash");
        }

        @Override
        public String toString() {
            return "Issued[redacted]";
        }
    }
}
