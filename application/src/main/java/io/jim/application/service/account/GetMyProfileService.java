package io.jim.application.service.account;

import io.jim.application.port.in.account.GetMyProfileUseCase;
import io.jim.application.port.in.account.Principal;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.User;
import java.util.Objects;

/** Reads the caller's own user (NOT_FOUND only if it vanished after authentication). */
public final class GetMyProfileService implements GetMyProfileUseCase {

    private final UserRepository users;

    public GetMyProfileService(UserRepository users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public User me(Principal caller) {
        return users.findById(caller.userId()).orElseThrow(() -> DomainException.notFound("user not found"));
    }
}
