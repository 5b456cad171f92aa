package io.jim.application.fake;

import io.jim.application.port.out.TokenIssuer;
import io.jim.domain.device.DeviceId;
import io.jim.domain.device.TokenHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A predictable {@link TokenIssuer} for tests: tokens {@code <deviceId>.fake-token-<n>} (n counts up),
 * stored as their SHA-256 hex. NOT random, so never for production; the real one is
 * {@code io.jim.application.security.SecureTokenIssuer}. Thread-safe.
 */
public final class FakeTokenIssuer implements TokenIssuer {

    private final AtomicLong counter = new AtomicLong();

    public FakeTokenIssuer() {
    }

    @Override
    public Issued issue(DeviceId device) {
        String token = device.value() + ".fake-token-" + counter.incrementAndGet();
        return new Issued(token, hash(token));
    }

    @Override
    public Optional<DeviceId> deviceOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot > 19) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(token.substring(0, dot));
            return id < 0 ? Optional.empty() : Optional.of(DeviceId.of(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean matches(String token, TokenHash stored) {
        return token != null && MessageDigest.isEqual(hash(token).encoded().getBytes(StandardCharsets.UTF_8),
                stored.encoded().getBytes(StandardCharsets.UTF_8));
    }

    private static TokenHash hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return new TokenHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
