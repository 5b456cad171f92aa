package io.jim.application.port.in.account;

import io.jim.domain.user.Account;
import io.jim.domain.user.Password;
import io.jim.domain.user.Profile;
import java.util.Objects;

/** Registration of a new user. */
public record RegisterUserCommand(Account account, Password password, Profile profile) {

    public RegisterUserCommand {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(profile, "profile");
    }
}
