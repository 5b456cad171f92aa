package io.jim.domain.group;

import io.jim.domain.shared.DomainException;

/** The identity of a Group; never negative. */
public record GroupId(long value) implements Comparable<GroupId> {

    public GroupId {
        if (value < 0) {
            throw DomainException.invalid("group_id", "an id must not be negative");
        }
    }

    public static GroupId of(long value) {
        return new GroupId(value);
    }

    @Override
    public int compareTo(GroupId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
