package io.jim.application.port.in.group;

import io.jim.domain.group.GroupId;
import io.jim.domain.user.UserId;
import java.util.List;

/** Adds users to a group (any member may); announces command 120. */
public interface AddMembersUseCase {

    AddMembersResult add(UserId caller, GroupId groupId, List<UserId> userIds);
}
