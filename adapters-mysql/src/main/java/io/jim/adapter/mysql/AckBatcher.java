package io.jim.adapter.mysql;

import static io.jim.adapter.mysql.generated.Tables.DEVICES;

import io.jim.application.port.out.UnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for MessageACKs: every receiving device acknowledges every push, so acks outnumber sends
 * (a 1:1 message to a user with two devices, whose sender has a second device, brings three). One writer
 * thread takes whatever acks are waiting (up to {@code maxBatch}), keeps the highest per device, and writes
 * them with ONE {@code UPDATE devices SET acked_sequence = GREATEST(acked_sequence, CASE id WHEN … END)
 * WHERE id IN (…)} per 500 devices in ONE transaction: one commit (one log flush) for the whole batch
 * instead of one per ack. Each caller blocks until its batch has committed, so an ack still takes effect
 * before the caller goes on (PROTOCOL.md 4.4). Rows are locked in ascending id order (the primary key's
 * order), like the send path's device claims, so a batch never waits in a cycle with a send. Nothing waits
 * to fill a batch: a lone ack is written at once.
 */
final class AckBatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AckBatcher.class);
    private static final int ROWS_PER_STATEMENT = 500;

    private final JooqUnitOfWork uow;
    private final RenderedSql update = new RenderedSql(AckBatcher::update);
    private final int maxBatch;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    private record Pending(long device, long sequence, CompletableFuture<Void> done) {
    }

    AckBatcher(JooqUnitOfWork uow, int maxBatch) {
        this.uow = Objects.requireNonNull(uow, "uow");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.writer = Thread.ofPlatform().name("jim-ack-commit").daemon().start(this::writeLoop);
    }

    /** Records the ack and returns once it is committed; failures are rethrown as the direct update would throw them. */
    void ack(long device, long sequence) {
        if (closed) {
            throw new UnavailableException("storage is closing", null);
        }
        Pending pending = new Pending(device, sequence, new CompletableFuture<>());
        queue.add(pending);
        if (closed && queue.remove(pending)) {
            throw new UnavailableException("storage is closing", null);
        }
        try {
            pending.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while the ack was being stored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            } catch (RuntimeException | Error e) {
                // commit() completes every future itself; this only keeps the writer alive.
                LOG.error("ack writer failed", e);
            } finally {
                batch.clear();
            }
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            p.done().completeExceptionally(new UnavailableException("storage is closing", null));
        }
    }

    private void commit(List<Pending> batch) {
        // The highest claim per device, in ascending device order (the lock order).
        TreeMap<Long, Long> highest = new TreeMap<>();
        for (Pending p : batch) {
            highest.merge(p.device(), p.sequence(), Math::max);
        }
        try {
            uow.withDsl(ctx -> {
                List<Map.Entry<Long, Long>> entries = new ArrayList<>(highest.entrySet());
                for (int from = 0; from < entries.size(); from += ROWS_PER_STATEMENT) {
                    List<Map.Entry<Long, Long>> chunk = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_STATEMENT));
                    int n = chunk.size();
                    // GREATEST in the statement itself: concurrent acks can never move a position backwards.
                    if (n == 1) {
                        update.execute(ctx, 1, chunk.getFirst().getValue(), chunk.getFirst().getKey());
                    } else {
                        long[] devices = chunk.stream().mapToLong(Map.Entry::getKey).toArray();
                        long[] sequences = chunk.stream().mapToLong(Map.Entry::getValue).toArray();
                        update.execute(ctx, n, RenderedSql.caseThenIn(devices, sequences));
                    }
                }
                return null;
            });
        } catch (RuntimeException | Error e) {
            if (!(e instanceof UnavailableException)) {
                LOG.error("a batch of {} acks failed; all of them are reported failed", batch.size(), e);
            }
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        batch.forEach(p -> p.done().complete(null));
    }

    /**
     * {@code UPDATE devices SET acked_sequence = GREATEST(acked_sequence, ?) WHERE id IN (?)} for one device,
     * else {@code GREATEST(acked_sequence, CASE id WHEN ? THEN ? … ELSE acked_sequence END) WHERE id IN (?, …)};
     * rendered once per size ({@link RenderedSql}).
     */
    private static Query update(DSLContext ctx, int devices) {
        Field<Long> claimed = devices == 1 ? DSL.val(0L) : RenderedSql.caseOf(DEVICES.ID, devices, DEVICES.ACKED_SEQUENCE);
        return ctx.update(DEVICES)
                .set(DEVICES.ACKED_SEQUENCE, DSL.greatest(DEVICES.ACKED_SEQUENCE, claimed))
                .where(DEVICES.ID.in(RenderedSql.placeholders(devices)));
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
