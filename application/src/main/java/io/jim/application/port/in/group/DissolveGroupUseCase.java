package io.jim.application.port.in.group;

import io.jim.domain.group.GroupId;
import io.jim.domain.user.UserId;

/** Dissolves a group (OWNER only) and announces it (command 111). */
public interface DissolveGroupUseCase {

    void dissolve(UserId caller, GroupId groupId);
}
