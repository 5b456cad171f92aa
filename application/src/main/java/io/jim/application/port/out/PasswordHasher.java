package io.jim.application.port.out;

import io.jim.domain.user.Password;
import io.jim.domain.user.PasswordHash;

/** Slow salted password hashing with a configurable cost. */
public interface PasswordHasher {

    PasswordHash hash(Password password);

    /** Constant-time check of {@code password} against {@code hash}. */
    boolean verify(Password password, PasswordHash hash);

    /** A valid hash of a random secret, to spend the same time when the account is unknown. */
    PasswordHash decoy();
}
