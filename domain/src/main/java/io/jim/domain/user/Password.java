package io.jim.domain.user;

import io.jim.domain.shared.DomainException;

/** A plaintext password on its way to the hasher: 8-72 characters. Its toString never shows it. */
public record Password(String value) {

    public Password {
        if (value == null || value.isEmpty()) {
            throw DomainException.invalid("password", "password is required");
        }
        int length = value.codePointCount(0, value.length());
        if (length < 8 || length > 72) {
            throw DomainException.invalid("password", "password must be 8 to 72 characters long");
        }
    }

    @Override
    public String toString() {
        return "Password[redacted]";
    }
}
