package io.jim.adapter.http.group;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.adapter.http.web.JsonBody;
import io.jim.domain.group.Group;

/** A group as JSON; {@code extra} is a JSON object. */
public record GroupResponse(long groupId, String name, String introduction, String avatarUrl, JsonNode extra,
        long ownerId, int memberCount, long createdAt) {

    public static GroupResponse of(Group g, JsonBody json) {
        var p = g.profile();
        return new GroupResponse(g.id().value(), p.name(), p.introduction(), p.avatarUrl(), json.extraNode(p.extra()),
                g.ownerId().value(), g.memberCount(), g.createdAt().toEpochMilli());
    }
}
