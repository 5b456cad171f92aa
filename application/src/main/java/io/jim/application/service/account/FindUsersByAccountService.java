package io.jim.application.service.account;

import io.jim.application.port.in.account.FindUsersByAccountUseCase;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.user.Account;
import io.jim.domain.user.User;
import java.util.List;
import java.util.Objects;

/** Finds users by exact account (accounts are kept in lower case, so the match is case-insensitive). */
public final class FindUsersByAccountService implements FindUsersByAccountUseCase {

    private final UserRepository users;

    public FindUsersByAccountService(UserRepository users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public List<User> find(Account account) {
        return users.findByAccount(account).map(List::of).orElse(List.of());
    }
}
