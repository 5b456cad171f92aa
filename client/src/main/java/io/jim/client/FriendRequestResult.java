package io.jim.client;

import java.util.Objects;

/** The outcome of asking someone to be a friend: a pending request, or (if they had asked first) a friendship. */
public sealed interface FriendRequestResult {

    /**
     * The request was created and waits for the other user (201).
     *
     * @param request the new request
     */
    record Requested(FriendRequest request) implements FriendRequestResult {
        /** Rejects null. */
        public Requested {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * The other user had already asked the caller, so this accepted their request (200).
     *
     * @param friend the new friend
     */
    record BecameFriends(Friend friend) implements FriendRequestResult {
        /** Rejects null. */
        public BecameFriends {
            Objects.requireNonNull(friend, "friend");
        }
    }
}
