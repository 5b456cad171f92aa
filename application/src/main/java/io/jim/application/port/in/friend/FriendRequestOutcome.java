package io.jim.application.port.in.friend;

import io.jim.domain.friend.FriendRequest;

/** What a friend request led to: a pending request, or (the other user had asked already) a friendship. */
public sealed interface FriendRequestOutcome {

    /** A new pending request. */
    record Requested(FriendRequest request) implements FriendRequestOutcome {
    }

    /** The other user's pending request was accepted instead. */
    record BecameFriends(Friend friend) implements FriendRequestOutcome {
    }
}
