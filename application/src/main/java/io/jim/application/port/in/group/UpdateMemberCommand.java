package io.jim.application.port.in.group;

import io.jim.domain.group.GroupId;
import io.jim.domain.group.GroupRole;
import io.jim.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;

/** Changes a member: its own label (self) or its role (OWNER sets ADMIN/MEMBER). */
public record UpdateMemberCommand(UserId caller, GroupId groupId, UserId target, Optional<String> label, Optional<GroupRole> role) {

    public UpdateMemberCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(role, "role");
    }
}
