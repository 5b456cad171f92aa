package io.jim.application.port.in.group;

import io.jim.domain.group.Group;
import io.jim.domain.group.GroupId;
import io.jim.domain.user.UserId;

/** Reads a group; NOT_FOUND when it does not exist or the caller is not a member. */
public interface GetGroupUseCase {

    Group get(UserId caller, GroupId groupId);
}
