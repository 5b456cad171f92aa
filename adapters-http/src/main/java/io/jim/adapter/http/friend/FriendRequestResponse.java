package io.jim.adapter.http.friend;

import io.jim.domain.friend.FriendRequest;

/** A friend request as JSON; status PENDING, ACCEPTED or REJECTED. */
public record FriendRequestResponse(long requestId, long fromUserId, long toUserId, String message, String status, long createdAt) {

    public static FriendRequestResponse of(FriendRequest r) {
        return new FriendRequestResponse(r.id().value(), r.from().value(), r.to().value(), r.message(),
                r.status().name(), r.createdAt().toEpochMilli());
    }
}
