package io.jim.adapter.http.group;

import java.util.List;

/** Body of POST /api/groups/{group_id}/members. */
public record AddMembersRequest(List<Long> userIds) {
}
