package io.jim.application.security;

import io.jim.application.port.out.PasswordHasher;
import io.jim.domain.user.Password;
import io.jim.domain.user.PasswordHash;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The {@link PasswordHasher} of production: PBKDF2 with HMAC-SHA256 (OWASP 2023: 600,000 iterations),
 * a 16-byte salt from {@link SecureRandom} and a 32-byte result, encoded
 * {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>} so that a hash made with an older
 * cost still verifies after the cost is raised. It uses the JDK only, which is why it lives in the
 * application module rather than in an adapter: it needs no technology the application may not see.
 * Verification compares in constant time; the decoy (a hash of a random secret) is computed once.
 */
public final class Pbkdf2PasswordHasher implements PasswordHasher {

    /** The OWASP-recommended iteration count for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    /** Stored hashes naming more iterations than this are refused rather than run (denial of service). */
    private static final int MAX_ITERATIONS = 10_000_000;

    private final int iterations;
    private final SecureRandom random;
    private final PasswordHash decoy;

    public Pbkdf2PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    /** A hasher of the given cost (tests use a low one; production keeps the default or more). */
    public Pbkdf2PasswordHasher(int iterations) {
        this(iterations, new SecureRandom());
    }

    public Pbkdf2PasswordHasher(int iterations, SecureRandom random) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1 to " + MAX_ITERATIONS + ": " + iterations);
        }
        this.iterations = iterations;
        this.random = Objects.requireNonNull(random, "random");
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        this.decoy = hash(new Password(Base64.getEncoder().encodeToString(secret)));
    }

    @Override
    public PasswordHash hash(Password password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return new PasswordHash(PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash));
    }

    @Override
    public boolean verify(Password password, PasswordHash hash) {
        String[] parts = hash.encoded().split("\\$", -1);
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        int cost;
        byte[] salt;
        byte[] expected;
        try {
            cost = Integer.parseInt(parts[1]);
            salt = Base64.getDecoder().decode(parts[2]);
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (cost < 1 || cost > MAX_ITERATIONS || salt.length == 0 || expected.length == 0) {
            return false;
        }
        return MessageDigest.isEqual(derive(password, salt, cost, expected.length * 8), expected);
    }

    @Override
    public PasswordHash decoy() {
        return decoy;
    }

    /** The iteration count new hashes get. */
    public int iterations() {
        return iterations;
    }

    private static byte[] derive(Password password, byte[] salt, int iterations) {
        return derive(password, salt, iterations, HASH_BITS);
    }

    private static byte[] derive(Password password, byte[] salt, int iterations, int bits) {
        char[] chars = password.value().toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JDK", e);
        } finally {
            spec.clearPassword();
            java.util.Arrays.fill(chars, '\0');
        }
    }
}
