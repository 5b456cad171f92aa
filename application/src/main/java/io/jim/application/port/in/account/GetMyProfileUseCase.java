package io.jim.application.port.in.account;

import io.jim.domain.user.User;

/** Reads the caller's own user. */
public interface GetMyProfileUseCase {

    User me(Principal caller);
}
