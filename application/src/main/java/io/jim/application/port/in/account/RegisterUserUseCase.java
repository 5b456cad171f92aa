package io.jim.application.port.in.account;

import io.jim.domain.user.User;

/** Registers a user (409 CONFLICT when the account exists). */
public interface RegisterUserUseCase {

    User register(RegisterUserCommand command);
}
