package io.jim.adapter.http.group;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Body of PATCH /api/groups/{group_id}: any of the fields. */
public record UpdateGroupRequest(String name, String introduction, String avatarUrl, ObjectNode extra) {
}
