package io.jim.application.security;

import io.jim.application.port.out.TokenIssuer;
import io.jim.domain.device.DeviceId;
import io.jim.domain.device.TokenHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link TokenIssuer} of production: a token is {@code <deviceId>.<secret>}, the secret being 32
 * bytes (256 bits) from {@link SecureRandom} in unpadded base64url, so one lookup by device id finds
 * the hash to compare with. Only the SHA-256 of the whole token (hex) is stored; a fast hash is enough
 * because the secret is random and long, unlike a password. Comparison is constant time. It uses the
 * JDK only, which is why it lives in the application module rather than in an adapter.
 */
public final class SecureTokenIssuer implements TokenIssuer {

    private static final int SECRET_BYTES = 32;
    /** Unpadded base64 of 32 bytes. */
    private static final int SECRET_CHARS = 43;
    /** Digits of the largest long. */
    private static final int MAX_ID_DIGITS = 19;

    private final SecureRandom random;

    public SecureTokenIssuer() {
        this(new SecureRandom());
    }

    public SecureTokenIssuer(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public Issued issue(DeviceId device) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String token = device.value() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(token, new TokenHash(HexFormat.of().formatHex(sha256(token))));
    }

    @Override
    public Optional<DeviceId> deviceOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot > MAX_ID_DIGITS || token.length() - dot - 1 != SECRET_CHARS) {
            return Optional.empty();
        }
        for (int i = 0; i < dot; i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        for (int i = dot + 1; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!base64url) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(DeviceId.of(Long.parseLong(token, 0, dot, 10)));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    @Override
    public boolean matches(String token, TokenHash stored) {
        if (token == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(stored.encoded());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return MessageDigest.isEqual(sha256(token), expected);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
