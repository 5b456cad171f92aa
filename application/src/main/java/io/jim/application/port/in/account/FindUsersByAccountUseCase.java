package io.jim.application.port.in.account;

import io.jim.domain.user.Account;
import io.jim.domain.user.User;
import java.util.List;

/** Finds users by exact account (case-insensitive), for finding friends. */
public interface FindUsersByAccountUseCase {

    List<User> find(Account account);
}
