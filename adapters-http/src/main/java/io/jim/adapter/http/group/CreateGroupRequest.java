package io.jim.adapter.http.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Body of POST /api/groups. */
public record CreateGroupRequest(String name, String introduction, String avatarUrl, ObjectNode extra, List<Long> memberIds) {
}
