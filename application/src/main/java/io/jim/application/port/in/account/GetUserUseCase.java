package io.jim.application.port.in.account;

import io.jim.domain.user.User;
import io.jim.domain.user.UserId;

/** Reads any user (for the public profile); NOT_FOUND when there is none. */
public interface GetUserUseCase {

    User get(UserId id);
}
