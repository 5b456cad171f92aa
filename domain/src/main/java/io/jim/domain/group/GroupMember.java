package io.jim.domain.group;

import io.jim.domain.shared.Text;
import io.jim.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;

/** A user's membership in a group: role and the member's own label (0-32). */
public record GroupMember(GroupId groupId, UserId userId, GroupRole role, String label, Instant joinedAt) {

    public GroupMember {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        label = Text.bounded("label", label, 0, 32);
        Objects.requireNonNull(joinedAt, "joinedAt");
    }

    public GroupMember withRole(GroupRole newRole) {
        return new GroupMember(groupId, userId, newRole, label, joinedAt);
    }

    public GroupMember withLabel(String newLabel) {
        return new GroupMember(groupId, userId, role, newLabel, joinedAt);
    }
}
