package io.jim.domain.message;

import io.jim.domain.shared.DomainException;

/**
 * A position in one user's inbox: assigned by the server, 1, 2, 3 … per user with no gap and no
 * duplicate. {@link #ZERO} is "before the first message".
 */
public record InboxSequence(long value) implements Comparable<InboxSequence> {

    public static final InboxSequence ZERO = new InboxSequence(0);

    public InboxSequence {
        if (value < 0) {
            throw DomainException.invalid("sync_sequence", "a sequence must not be negative");
        }
    }

    public static InboxSequence of(long value) {
        return new InboxSequence(value);
    }

    public InboxSequence next() {
        return new InboxSequence(value + 1);
    }

    public InboxSequence plus(long n) {
        return new InboxSequence(value + n);
    }

    public boolean isAfter(InboxSequence other) {
        return value > other.value;
    }

    public static InboxSequence max(InboxSequence a, InboxSequence b) {
        return a.value >= b.value ? a : b;
    }

    @Override
    public int compareTo(InboxSequence other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
