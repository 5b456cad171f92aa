package io.jim.application.fake;

import io.jim.application.port.out.MessageIdGenerator;
import io.jim.domain.message.MessageId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link MessageIdGenerator} counting up from a start value (default 1_000_001); thread-safe.
 * Generators made over one shared counter stand for several processes on one database.
 */
public final class SequentialMessageIdGenerator implements MessageIdGenerator {

    private final AtomicLong next;

    public SequentialMessageIdGenerator() {
        this(1_000_001);
    }

    public SequentialMessageIdGenerator(long first) {
        this(new AtomicLong(first));
    }

    /** A generator taking its ids from {@code shared}, which other generators may share. */
    public SequentialMessageIdGenerator(AtomicLong shared) {
        this.next = java.util.Objects.requireNonNull(shared, "shared");
    }

    @Override
    public MessageId next() {
        return MessageId.of(next.getAndIncrement());
    }

    /** The id the next call returns, without taking it. */
    public MessageId peek() {
        return MessageId.of(next.get());
    }
}
