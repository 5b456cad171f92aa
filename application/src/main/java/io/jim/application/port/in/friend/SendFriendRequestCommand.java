package io.jim.application.port.in.friend;

import io.jim.domain.user.UserId;
import java.util.Objects;

/** A friend request from the caller to another user. */
public record SendFriendRequestCommand(UserId from, UserId to, String message) {

    public SendFriendRequestCommand {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
