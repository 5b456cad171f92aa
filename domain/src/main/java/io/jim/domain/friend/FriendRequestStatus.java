package io.jim.domain.friend;

/** The life of a friend request: PENDING until the receiver accepts or rejects it. */
public enum FriendRequestStatus {
    PENDING,
    ACCEPTED,
    REJECTED
}
