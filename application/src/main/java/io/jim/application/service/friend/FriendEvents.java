package io.jim.application.service.friend;

import io.jim.domain.friend.FriendRequest;
import io.jim.domain.message.ServerCommand;
import io.jim.domain.user.UserId;
import java.util.LinkedHashMap;
import java.util.Map;

/** The friend commands 100, 101 and 102 of PROTOCOL.md section 6, with their data keys. */
final class FriendEvents {

    private FriendEvents() {
    }

    static ServerCommand requestSent(FriendRequest request) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request_id", request.id().value());
        data.put("from_user_id", request.from().value());
        data.put("to_user_id", request.to().value());
        data.put("message", request.message());
        return new ServerCommand(ServerCommand.FRIEND_REQUEST_SENT, data);
    }

    static ServerCommand requestAccepted(FriendRequest request) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request_id", request.id().value());
        data.put("from_user_id", request.from().value());
        data.put("to_user_id", request.to().value());
        return new ServerCommand(ServerCommand.FRIEND_REQUEST_ACCEPTED, data);
    }

    static ServerCommand friendshipDeleted(UserId by, UserId friend) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", by.value());
        data.put("friend_id", friend.value());
        return new ServerCommand(ServerCommand.FRIENDSHIP_DELETED, data);
    }
}
