package io.jim.adapter.http.group;

import io.jim.application.port.in.group.AddMembersResult;
import io.jim.domain.user.UserId;
import java.util.List;

/** Answer of POST /api/groups/{group_id}/members. */
public record AddMembersResponse(List<Long> added, List<Long> alreadyMembers) {

    public static AddMembersResponse of(AddMembersResult r) {
        return new AddMembersResponse(r.added().stream().map(UserId::value).toList(),
                r.alreadyMembers().stream().map(UserId::value).toList());
    }
}
