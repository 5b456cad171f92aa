package io.jim.domain.friend;

import io.jim.domain.shared.Text;
import io.jim.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;

/** One direction of a friendship: {@code owner} counts {@code friend} as a friend, under a private remark. */
public record Friendship(UserId owner, UserId friend, String remark, Instant since) {

    public Friendship {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(friend, "friend");
        remark = Text.bounded("remark", remark, 0, 32);
        Objects.requireNonNull(since, "since");
    }

    public Friendship withRemark(String newRemark) {
        return new Friendship(owner, friend, newRemark, since);
    }
}
