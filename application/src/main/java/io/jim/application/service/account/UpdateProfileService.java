package io.jim.application.service.account;

import io.jim.application.port.in.account.UpdateProfileCommand;
import io.jim.application.port.in.account.UpdateProfileUseCase;
import io.jim.application.port.out.PasswordHasher;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.Password;
import io.jim.domain.user.Profile;
import io.jim.domain.user.User;
import java.util.Objects;

/**
 * Updates the caller's profile (only the fields given; the result is validated as a whole by
 * {@link Profile}) and, optionally, its password. A new password needs the current one: missing →
 * INVALID_ARGUMENT on field {@code old_password} (the HTTP API's name for it); wrong →
 * PERMISSION_DENIED "current password is wrong" (the caller is authenticated, so this is a refused
 * action, not bad credentials; it neither logs the device out nor kicks it). Other devices stay
 * signed in.
 */
public final class UpdateProfileService implements UpdateProfileUseCase {

    private final UserRepository users;
    private final PasswordHasher hasher;

    public UpdateProfileService(UserRepository users, PasswordHasher hasher) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    @Override
    public User update(UpdateProfileCommand command) {
        User user = users.findById(command.userId()).orElseThrow(() -> DomainException.notFound("user not found"));
        Profile old = user.profile();
        Profile profile = new Profile(
                command.nickname().orElse(old.nickname()),
                command.sex().orElse(old.sex()),
                command.avatarUrl().orElse(old.avatarUrl()),
                command.extra().orElse(old.extra()));
        User updated = user.withProfile(profile);
        if (command.newPassword().isPresent()) {
            String current = command.currentPassword()
                    .orElseThrow(() -> DomainException.invalid("old_password",
                            "the current password is required to set a new one"));
            if (!verifiesCurrent(current, user)) {
                throw DomainException.denied("current password is wrong");
            }
            updated = updated.withPasswordHash(hasher.hash(command.newPassword().get()));
        }
        users.update(updated);
        return updated;
    }

    private boolean verifiesCurrent(String current, User user) {
        Password candidate;
        try {
            candidate = new Password(current);
        } catch (DomainException malformed) {
            // a string that could never have been a password is simply the wrong one; still spend the time
            hasher.verify(new Password("x".repeat(8)), hasher.decoy());
            return false;
        }
        return hasher.verify(candidate, user.passwordHash());
    }
}
