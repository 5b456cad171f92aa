package io.jim.application.port.in.friend;

import io.jim.domain.user.UserId;

/** Ends a friendship in both directions (NOT_FOUND when not friends). */
public interface DeleteFriendUseCase {

    void delete(UserId caller, UserId friend);
}
