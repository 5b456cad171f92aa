package io.jim.application.port.in.group;

import io.jim.domain.user.UserId;
import java.util.List;

/** Which users were added and which were members already. */
public record AddMembersResult(List<UserId> added, List<UserId> alreadyMembers) {

    public AddMembersResult {
        added = List.copyOf(added);
        alreadyMembers = List.copyOf(alreadyMembers);
    }
}
