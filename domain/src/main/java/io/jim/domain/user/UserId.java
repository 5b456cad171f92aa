package io.jim.domain.user;

import io.jim.domain.shared.DomainException;

/** The identity of a User; never negative. */
public record UserId(long value) implements Comparable<UserId> {

    /** No user: the sender id of business and system messages. */
    public static final UserId NONE = new UserId(0);

    public UserId {
        if (value < 0) {
            throw DomainException.invalid("user_id", "an id must not be negative");
        }
    }

    public static UserId of(long value) {
        return new UserId(value);
    }

    @Override
    public int compareTo(UserId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
