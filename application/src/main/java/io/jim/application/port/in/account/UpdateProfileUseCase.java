package io.jim.application.port.in.account;

import io.jim.domain.user.User;

/** Updates the caller's profile and, given the current password, its password. */
public interface UpdateProfileUseCase {

    User update(UpdateProfileCommand command);
}
