package io.jim.domain.message;

import io.jim.domain.shared.DomainException;

/**
 * A device's own numbering of its sends (client-assigned, strictly increasing), used only to
 * recognise retransmissions. {@link #NONE} means "not numbered" (an HTTP send without it).
 */
public record SendSequence(long value) implements Comparable<SendSequence> {

    public static final SendSequence NONE = new SendSequence(0);

    public SendSequence {
        if (value < 0) {
            throw DomainException.invalid("send_sequence", "send_sequence must not be negative");
        }
    }

    public static SendSequence of(long value) {
        return new SendSequence(value);
    }

    public boolean isNumbered() {
        return value > 0;
    }

    public boolean isAfter(SendSequence other) {
        return value > other.value;
    }

    @Override
    public int compareTo(SendSequence other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
