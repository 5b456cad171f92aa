package io.jim.application.port.in.group;

import io.jim.domain.group.GroupId;
import io.jim.domain.user.UserId;

/** Removes a member or quits (the caller itself); announces command 121. */
public interface RemoveMemberUseCase {

    void remove(UserId caller, GroupId groupId, UserId target);
}
