package io.jim.domain.group;

import io.jim.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;

/** A chat group: its profile, owner and current member count. */
public record Group(GroupId id, GroupProfile profile, UserId ownerId, int memberCount, Instant createdAt) {

    public Group {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public Group withProfile(GroupProfile newProfile) {
        return new Group(id, newProfile, ownerId, memberCount, createdAt);
    }
}
