package io.jim.application.service.account;

import io.jim.application.port.in.account.GetUserUseCase;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.User;
import io.jim.domain.user.UserId;
import java.util.Objects;

/** Reads any user by id for its public profile; NOT_FOUND when there is none. */
public final class GetUserService implements GetUserUseCase {

    private final UserRepository users;

    public GetUserService(UserRepository users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public User get(UserId id) {
        return users.findById(id).orElseThrow(() -> DomainException.notFound("user " + id + " not found"));
    }
}
