package io.jim.application.port.in.account;

import io.jim.domain.user.Password;
import io.jim.domain.user.Sex;
import io.jim.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;

/** A partial profile update; a new password needs the current one. */
public record UpdateProfileCommand(UserId userId, Optional<String> nickname, Optional<Sex> sex, Optional<String> avatarUrl, Optional<String> extra, Optional<Password> newPassword, Optional<String> currentPassword) {

    public UpdateProfileCommand {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(nickname, "nickname");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(avatarUrl, "avatarUrl");
        Objects.requireNonNull(extra, "extra");
        Objects.requireNonNull(newPassword, "newPassword");
        Objects.requireNonNull(currentPassword, "currentPassword");
    }

    @Override
    public String toString() {
        return "UpdateProfileCommand[userId=" + userId + ", passwords redacted]";
    }
}
