package io.jim.application.service.group;

import io.jim.application.port.out.GroupRepository;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.group.GroupId;
import io.jim.domain.group.GroupMember;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.User;
import io.jim.domain.user.UserId;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Shared checks of the group use cases. */
final class GroupAccess {

    private GroupAccess() {
    }

    /**
     * The caller's membership. A non-member gets the same NOT_FOUND as for a group that does not exist,
     * so that a group's existence never leaks.
     */
    static GroupMember memberOrNotFound(GroupRepository groups, GroupId group, UserId caller) {
        return groups.findMember(group, caller).orElseThrow(() -> notFound(group));
    }

    static DomainException notFound(GroupId group) {
        return DomainException.notFound("group " + group + " not found");
    }

    /** INVALID_ARGUMENT on {@code field}, naming the ids among {@code ids} that are not users. */
    static void checkAllExist(UserRepository users, Collection<UserId> ids, String field) {
        if (ids.isEmpty()) {
            return;
        }
        Set<UserId> found = users.findAllById(ids).stream().map(User::id).collect(Collectors.toSet());
        List<UserId> unknown = ids.stream().filter(id -> !found.contains(id)).distinct().sorted().toList();
        if (!unknown.isEmpty()) {
            throw DomainException.invalid(field, "unknown user ids: "
                    + unknown.stream().map(UserId::toString).collect(Collectors.joining(", ")));
        }
    }

    static List<UserId> distinct(Collection<UserId> ids) {
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
