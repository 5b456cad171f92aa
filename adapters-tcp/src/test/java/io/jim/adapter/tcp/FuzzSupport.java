package io.jim.adapter.tcp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.jim.application.port.in.message.AckInboxUseCase;
import io.jim.application.port.in.message.InboxPage;
import io.jim.application.port.in.message.SendMessageUseCase;
import io.jim.application.port.in.message.SyncInboxUseCase;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/** What the fuzz tests share: stub use cases that answer anything, a buffer-tracking allocator and a log probe. */
final class FuzzSupport {

    private FuzzSupport() {
    }

    /** Accepts any send with one fixed receipt. */
    static final SendMessageUseCase SEND = command -> Stubs.receiptFor(1);

    /** Answers every sync with two copies and has_more. */
    static final SyncInboxUseCase SYNC = query -> new InboxPage(List.of(Stubs.entry(WireInputs.USER, 1, "one"),
            Stubs.entry(WireInputs.USER, 2, "two")), true);

    /** Takes every ack, keeps nothing (a long run must not grow the heap). */
    static final AckInboxUseCase ACK = (device, syncSequence) -> { };

    /** The seconds a fuzz test runs: {@code -D<property>=N}, else the default. */
    static Duration duration(String property, int defaultSeconds) {
        return Duration.ofSeconds(Long.getLong(property, defaultSeconds));
    }

    /**
     * An unpooled allocator that remembers every buffer it hands out, so that a test can prove that each one
     * was released (refCnt 0): exact, unlike leak detection, which needs a GC to notice.
     */
    static final class TrackingAllocator extends AbstractByteBufAllocator {

        private final Queue<ByteBuf> allocated = new ConcurrentLinkedQueue<>();

        TrackingAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return track(UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity));
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return track(UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity));
        }

        private ByteBuf track(ByteBuf buf) {
            allocated.add(buf);
            return buf;
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }

        /** Buffers handed out since the last call that are not released; forgets all of them. */
        List<ByteBuf> unreleasedAndReset() {
            List<ByteBuf> unreleased = allocated.stream().filter(b -> b.refCnt() != 0).toList();
            allocated.clear();
            unreleased.forEach(b -> b.release(b.refCnt())); // so that one leak is reported once
            return unreleased;
        }

        int count() {
            return allocated.size();
        }
    }

    /**
     * Collects log events at WARN and above from jim's TCP adapter and Netty (including the leak detector's
     * "LEAK:" reports): during fuzzing none may appear, since hostile input is expected and logged at INFO.
     */
    static final class LogProbe extends AppenderBase<ILoggingEvent> implements AutoCloseable {

        private final Queue<String> events = new ConcurrentLinkedQueue<>();
        private final List<Logger> loggers;

        LogProbe() {
            loggers = List.of((Logger) LoggerFactory.getLogger("io.jim.adapter.tcp"), (Logger) LoggerFactory.getLogger("io.netty"));
            setContext(loggers.getFirst().getLoggerContext());
            start();
            loggers.forEach(l -> l.addAppender(this));
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                events.add(event.getLoggerName() + " " + event.getLevel() + ": " + event.getFormattedMessage()
                        + (event.getThrowableProxy() != null ? " (" + event.getThrowableProxy().getClassName() + ": "
                        + event.getThrowableProxy().getMessage() + ")" : ""));
            }
        }

        /** The events so far; forgets them. */
        List<String> drain() {
            List<String> out = List.copyOf(events);
            events.clear();
            return out;
        }

        @Override
        public void close() {
            loggers.forEach(l -> l.detachAppender(this));
            stop();
        }
    }
}
