package io.jim.application.service.group;

import io.jim.domain.group.GroupId;
import io.jim.domain.group.GroupRole;
import io.jim.domain.message.ServerCommand;
import io.jim.domain.user.UserId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The group commands 110-122 of PROTOCOL.md section 6, with their data keys (ids as plain numbers). */
final class GroupEvents {

    private GroupEvents() {
    }

    static ServerCommand updated(GroupId group, UserId by, Map<String, Object> changed) {
        Map<String, Object> data = base(group, by);
        data.putAll(changed);
        return new ServerCommand(ServerCommand.GROUP_UPDATED, data);
    }

    static ServerCommand dissolved(GroupId group, UserId by) {
        return new ServerCommand(ServerCommand.GROUP_DISSOLVED, base(group, by));
    }

    static ServerCommand membersAdded(GroupId group, UserId by, Collection<UserId> users) {
        Map<String, Object> data = base(group, by);
        data.put("user_ids", users.stream().map(UserId::value).toList());
        return new ServerCommand(ServerCommand.MEMBERS_ADDED, data);
    }

    static ServerCommand memberRemoved(GroupId group, UserId by, UserId user) {
        Map<String, Object> data = base(group, by);
        data.put("user_id", user.value());
        return new ServerCommand(ServerCommand.MEMBER_REMOVED, data);
    }

    static ServerCommand roleChanged(GroupId group, UserId by, UserId user, GroupRole role) {
        Map<String, Object> data = base(group, by);
        data.put("user_id", user.value());
        data.put("role", role.name());
        return new ServerCommand(ServerCommand.MEMBER_ROLE_CHANGED, data);
    }

    private static Map<String, Object> base(GroupId group, UserId by) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("group_id", group.value());
        data.put("by", by.value());
        return data;
    }
}
