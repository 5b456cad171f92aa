package io.jim.domain.user;

import java.time.Instant;
import java.util.Objects;

/** A registered user: account, profile and password hash. */
public record User(UserId id, Account account, Profile profile, PasswordHash passwordHash, Instant createdAt) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public User withProfile(Profile newProfile) {
        return new User(id, account, newProfile, passwordHash, createdAt);
    }

    public User withPasswordHash(PasswordHash newHash) {
        return new User(id, account, profile, newHash, createdAt);
    }
}
