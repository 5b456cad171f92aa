package io.jim.application.port.in.friend;

import io.jim.domain.user.UserId;

/** Changes the caller's remark for a friend (NOT_FOUND when not friends). */
public interface UpdateFriendRemarkUseCase {

    Friend updateRemark(UserId caller, UserId friend, String remark);
}
