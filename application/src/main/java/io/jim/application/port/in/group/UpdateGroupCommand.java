package io.jim.application.port.in.group;

import io.jim.domain.group.GroupId;
import io.jim.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;

/** A partial update of a group profile (OWNER or ADMIN). */
public record UpdateGroupCommand(UserId caller, GroupId groupId, Optional<String> name, Optional<String> introduction, Optional<String> avatarUrl, Optional<String> extra) {

    public UpdateGroupCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(introduction, "introduction");
        Objects.requireNonNull(avatarUrl, "avatarUrl");
        Objects.requireNonNull(extra, "extra");
    }
}
