package io.jim.application.service.account;

import io.jim.application.port.in.account.RegisterUserCommand;
import io.jim.application.port.in.account.RegisterUserUseCase;
import io.jim.application.port.out.PasswordHasher;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.User;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a user: the account, password and profile are already validated by their domain types;
 * the password is stored only as the hasher's slow salted hash. A taken account is CONFLICT (checked
 * before hashing, so a taken account costs no hashing; the repository's unique key decides a race).
 */
public final class RegisterUserService implements RegisterUserUseCase {

    private static final Logger log = LoggerFactory.getLogger(RegisterUserService.class);

    private final UserRepository users;
    private final PasswordHasher hasher;

    public RegisterUserService(UserRepository users, PasswordHasher hasher) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    @Override
    public User register(RegisterUserCommand command) {
        if (users.findByAccount(command.account()).isPresent()) {
            throw DomainException.conflict("the account is taken");
        }
        User user = users.create(command.account(), command.profile(), hasher.hash(command.password()));
        log.info("user registered user_id={}", user.id());
        return user;
    }
}
