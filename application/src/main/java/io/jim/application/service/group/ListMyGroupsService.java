package io.jim.application.service.group;

import io.jim.application.port.in.group.ListMyGroupsUseCase;
import io.jim.application.port.out.GroupRepository;
import io.jim.domain.group.Group;
import io.jim.domain.user.UserId;
import java.util.List;
import java.util.Objects;

/** Lists the groups the caller belongs to. */
public final class ListMyGroupsService implements ListMyGroupsUseCase {

    private final GroupRepository groups;

    public ListMyGroupsService(GroupRepository groups) {
        this.groups = Objects.requireNonNull(groups, "groups");
    }

    @Override
    public List<Group> list(UserId caller) {
        return groups.listGroupsOf(caller);
    }
}
