package io.jim.application.service.group;

import io.jim.application.port.in.group.GetGroupUseCase;
import io.jim.application.port.out.GroupRepository;
import io.jim.domain.group.Group;
import io.jim.domain.group.GroupId;
import io.jim.domain.user.UserId;
import java.util.Objects;

/** Reads a group for one of its members; NOT_FOUND alike for an unknown group and for a non-member. */
public final class GetGroupService implements GetGroupUseCase {

    private final GroupRepository groups;

    public GetGroupService(GroupRepository groups) {
        this.groups = Objects.requireNonNull(groups, "groups");
    }

    @Override
    public Group get(UserId caller, GroupId groupId) {
        GroupAccess.memberOrNotFound(groups, groupId, caller);
        return groups.find(groupId).orElseThrow(() -> GroupAccess.notFound(groupId));
    }
}
