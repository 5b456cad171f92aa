package io.jim.application.fake;

import io.jim.application.port.out.PasswordHasher;
import io.jim.domain.user.Password;
import io.jim.domain.user.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fast {@link PasswordHasher} for tests: salted SHA-256 (never the password in clear; NOT slow, so
 * never for production), encoded {@code fake-sha256$<salt>$<hex>}. Counts its calls so that tests can
 * prove that, e.g., the decoy is verified for an unknown account. Thread-safe.
 */
public final class FakePasswordHasher implements PasswordHasher {

    private static final String PREFIX = "fake-sha256$";

    private final AtomicLong salts = new AtomicLong();
    private final AtomicInteger hashCalls = new AtomicInteger();
    private final AtomicInteger verifyCalls = new AtomicInteger();
    private final AtomicInteger decoyVerifyCalls = new AtomicInteger();
    private final PasswordHash decoy;

    public FakePasswordHasher() {
        this.decoy = encode("decoy-salt", "decoy password that nobody knows");
    }

    @Override
    public PasswordHash hash(Password password) {
        hashCalls.incrementAndGet();
        return encode("s" + salts.incrementAndGet(), password.value());
    }

    @Override
    public boolean verify(Password password, PasswordHash hash) {
        verifyCalls.incrementAndGet();
        if (hash.equals(decoy)) {
            decoyVerifyCalls.incrementAndGet();
        }
        String encoded = hash.encoded();
        if (!encoded.startsWith(PREFIX)) {
            return false;
        }
        String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 2) {
            return false;
        }
        return MessageDigest.isEqual(encode(parts[0], password.value()).encoded().getBytes(StandardCharsets.UTF_8),
                encoded.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public PasswordHash decoy() {
        return decoy;
    }

    public int hashCalls() {
        return hashCalls.get();
    }

    public int verifyCalls() {
        return verifyCalls.get();
    }

    /** How many verifications ran against {@link #decoy()}. */
    public int decoyVerifyCalls() {
        return decoyVerifyCalls.get();
    }

    private static PasswordHash encode(String salt, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            byte[] digest = sha.digest(password.getBytes(StandardCharsets.UTF_8));
            return new PasswordHash(PREFIX + salt + "$" + HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
