package io.jim.application.fake;

import io.jim.application.port.out.MessageIdGenerator;
import io.jim.domain.message.MessageId;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link MessageIdGenerator} counting up from a start value (default 1_000_001); thread-safe. */
public final class SequentialMessageIdGenerator implements MessageIdGenerator {

    private final AtomicLong next;

    public SequentialMessageIdGenerator() {
        this(1_000_001);
    }

    public SequentialMessageIdGenerator(long first) {
        this.next = new AtomicLong(first);
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
