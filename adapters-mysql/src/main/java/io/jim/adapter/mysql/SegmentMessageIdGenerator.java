package io.jim.adapter.mysql;

import static io.jim.adapter.mysql.generated.Tables.ID_SEGMENTS;

import io.jim.application.port.out.MessageIdGenerator;
import io.jim.application.port.out.UnavailableException;
import io.jim.domain.message.MessageId;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message ids from database segments, like goim's {@code t_lid}: a short transaction of its own
 * reserves a block {@code [next_id, next_id + blockSize)} of the {@code id_segments} row (the row lock
 * makes blocks disjoint across every process sharing the database), and ids are then handed out from
 * memory. When half a block is used the next one is fetched in the background, so {@link #next()}
 * normally never waits. While the database is unreachable the fetcher retries with exponential backoff
 * (up to {@value #MAX_BACKOFF_MS} ms); a caller with no id left waits at most {@code maxWait} and then
 * gets an {@link UnavailableException}. Ids increase within one generator; a block reserved but not
 * used up (restart) is simply skipped.
 */
public final class SegmentMessageIdGenerator implements MessageIdGenerator, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentMessageIdGenerator.class);
    private static final long FIRST_BACKOFF_MS = 20;
    private static final long MAX_BACKOFF_MS = 2000;

    private final DSLContext dsl;
    private final String segment;
    private final int blockSize;
    private final long maxWaitNanos;
    private final long lowWater;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition blockArrived = lock.newCondition();
    private final Condition wake = lock.newCondition();
    // All guarded by lock. The current block is [next, end); the prefetched one [spareStart, spareEnd).
    private long next;
    private long end;
    private long spareStart;
    private long spareEnd;
    private boolean fetching;
    private boolean closed;
    private RuntimeException lastFailure;

    /**
     * @param dsl a context on connections of its own (not the use cases' pool), outside any unit of work
     * @param segment the {@code id_segments} row to draw from
     * @param blockSize ids reserved per round trip
     * @param maxWait how long {@link #next()} may wait for a block before giving up
     */
    public SegmentMessageIdGenerator(DSLContext dsl, String segment, int blockSize, Duration maxWait) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.segment = Objects.requireNonNull(segment, "segment");
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be at least 1");
        }
        this.blockSize = blockSize;
        this.maxWaitNanos = Objects.requireNonNull(maxWait, "maxWait").toNanos();
        this.lowWater = blockSize / 2;
    }

    @Override
    public MessageId next() {
        long deadline = System.nanoTime() + maxWaitNanos;
        lock.lock();
        try {
            while (next >= end) {
                if (closed) {
                    throw new IllegalStateException("the message id generator is closed");
                }
                if (spareEnd > spareStart) {
                    next = spareStart;
                    end = spareEnd;
                    spareStart = spareEnd = 0;
                    break;
                }
                startFetch();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new UnavailableException("no message id block could be reserved within "
                            + Duration.ofNanos(maxWaitNanos).toMillis() + " ms"
                            + (lastFailure == null ? "" : ": " + SqlFailures.rootMessage(lastFailure)), lastFailure);
                }
                try {
                    blockArrived.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UnavailableException("interrupted while waiting for a message id block", e);
                }
            }
            long id = next++;
            if (end - next <= lowWater && spareEnd == spareStart) {
                startFetch();
            }
            return MessageId.of(id);
        } finally {
            lock.unlock();
        }
    }

    /** Starts the background fetch unless one is running (call with the lock held). */
    private void startFetch() {
        if (fetching || closed) {
            return;
        }
        fetching = true;
        Thread.ofVirtual().name("jim-id-segment-" + segment).start(this::fetchLoop);
    }

    private void fetchLoop() {
        long backoff = FIRST_BACKOFF_MS;
        while (true) {
            try {
                long blockEnd = reserve();
                lock.lock();
                try {
                    spareStart = blockEnd - blockSize;
                    spareEnd = blockEnd;
                    fetching = false;
                    lastFailure = null;
                    blockArrived.signalAll();
                } finally {
                    lock.unlock();
                }
                return;
            } catch (RuntimeException e) {
                LOG.warn("cannot reserve a block of message ids, retrying in {} ms: {}", backoff, SqlFailures.rootMessage(e));
                lock.lock();
                try {
                    lastFailure = e;
                    // Wait out the backoff on the condition (not an interrupt, which would break a JDBC
                    // connection in use): close() wakes it.
                    long left = TimeUnit.MILLISECONDS.toNanos(backoff);
                    while (!closed && left > 0) {
                        left = wake.awaitNanos(left);
                    }
                    if (closed) {
                        fetching = false;
                        blockArrived.signalAll();
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    fetching = false;
                    blockArrived.signalAll();
                    return;
                } finally {
                    lock.unlock();
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    /** Reserves the next block in a transaction of its own and returns its exclusive end. */
    private long reserve() {
        return dsl.transactionResult(configuration -> {
            DSLContext ctx = configuration.dsl();
            int updated = ctx.update(ID_SEGMENTS)
                    .set(ID_SEGMENTS.NEXT_ID, ID_SEGMENTS.NEXT_ID.plus((long) blockSize))
                    .where(ID_SEGMENTS.NAME.eq(segment))
                    .execute();
            if (updated != 1) {
                throw new IllegalStateException("the id segment '" + segment + "' does not exist");
            }
            return ctx.select(ID_SEGMENTS.NEXT_ID).from(ID_SEGMENTS).where(ID_SEGMENTS.NAME.eq(segment))
                    .fetchSingle(ID_SEGMENTS.NEXT_ID);
        });
    }

    /**
     * Stops the generator: a fetch in progress finishes its short transaction, a retry backoff ends at
     * once; later calls to {@link #next()} fail once the blocks in memory are used.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wake.signalAll();
            blockArrived.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
