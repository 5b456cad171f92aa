package io.jim.application.service.group;

import io.jim.application.port.in.group.ListMembersUseCase;
import io.jim.application.port.in.group.Member;
import io.jim.application.port.out.GroupRepository;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.group.GroupId;
import io.jim.domain.group.GroupMember;
import io.jim.domain.user.User;
import io.jim.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Lists a group's members with their users, for members only (NOT_FOUND otherwise). */
public final class ListMembersService implements ListMembersUseCase {

    private final UserRepository users;
    private final GroupRepository groups;

    public ListMembersService(UserRepository users, GroupRepository groups) {
        this.users = Objects.requireNonNull(users, "users");
        this.groups = Objects.requireNonNull(groups, "groups");
    }

    @Override
    public List<Member> list(UserId caller, GroupId groupId) {
        GroupAccess.memberOrNotFound(groups, groupId, caller);
        List<GroupMember> members = groups.listMembers(groupId);
        Map<UserId, User> byId = users.findAllById(members.stream().map(GroupMember::userId).toList()).stream()
                .collect(Collectors.toMap(User::id, Function.identity()));
        List<Member> out = new ArrayList<>(members.size());
        for (GroupMember member : members) {
            User user = byId.get(member.userId());
            if (user != null) {
                out.add(new Member(member, user));
            }
        }
        return out;
    }
}
