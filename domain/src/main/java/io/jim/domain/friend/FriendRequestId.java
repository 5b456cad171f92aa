package io.jim.domain.friend;

import io.jim.domain.shared.DomainException;

/** The identity of a friend request; never negative. */
public record FriendRequestId(long value) implements Comparable<FriendRequestId> {

    public FriendRequestId {
        if (value < 0) {
            throw DomainException.invalid("request_id", "an id must not be negative");
        }
    }

    public static FriendRequestId of(long value) {
        return new FriendRequestId(value);
    }

    @Override
    public int compareTo(FriendRequestId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
