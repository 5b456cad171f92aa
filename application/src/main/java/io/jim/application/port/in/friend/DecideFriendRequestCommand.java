package io.jim.application.port.in.friend;

import io.jim.domain.friend.FriendRequestId;
import io.jim.domain.user.UserId;
import java.util.Objects;

/** Accepting or rejecting a request, by its receiver; the remark applies when accepting. */
public record DecideFriendRequestCommand(UserId caller, FriendRequestId requestId, String remark) {

    public DecideFriendRequestCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(requestId, "requestId");
    }
}
