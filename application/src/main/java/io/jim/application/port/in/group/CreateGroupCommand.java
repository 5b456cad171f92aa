package io.jim.application.port.in.group;

import io.jim.domain.group.GroupProfile;
import io.jim.domain.user.UserId;
import java.util.List;
import java.util.Objects;

/** A new group; the creator becomes its OWNER and a member. */
public record CreateGroupCommand(UserId creator, GroupProfile profile, List<UserId> memberIds) {

    public CreateGroupCommand {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(profile, "profile");
        memberIds = List.copyOf(memberIds);
    }
}
