package io.jim.domain.message;

import io.jim.domain.shared.DomainException;

/** The identity of a Message; never negative. */
public record MessageId(long value) implements Comparable<MessageId> {

    public MessageId {
        if (value < 0) {
            throw DomainException.invalid("message_id", "an id must not be negative");
        }
    }

    public static MessageId of(long value) {
        return new MessageId(value);
    }

    @Override
    public int compareTo(MessageId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
