package io.jim.adapter.mysql;

import io.jim.application.port.out.MessageStore;
import io.jim.application.port.out.UnavailableException;
import io.jim.domain.device.DeviceId;
import io.jim.domain.message.SendReceipt;
import io.jim.domain.message.SendSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MessageStore} with group commit: a writer thread takes whatever sends are waiting (up to
 * {@code maxBatch}) and stores them in ONE transaction, so N concurrent sends cost one COMMIT (one log
 * flush) and one sequence allocation instead of N. With more than one writer, one batch's statements run
 * while another's COMMIT waits for its log flush (the writers' transactions lock device rows and then
 * inbox counters, each in ascending id order, so they queue behind each other on common rows and never
 * deadlock; a batch that waited for another sees what that one committed). Each caller blocks on its own future and gets its
 * own outcome. The batch is atomic: if the transaction fails, every request of the batch fails with
 * that exception and none is stored (each caller may retry; a retried numbered send is recognised).
 * Nothing waits to fill a batch: an idle store commits a lone send at once. A caller already inside a
 * unit of work is stored directly in that transaction instead, as the caller's atomicity demands.
 */
final class GroupCommitMessageStore implements MessageStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitMessageStore.class);

    private final JooqUnitOfWork uow;
    private final JooqMessageStore store;
    private final int maxBatch;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Runnable beforeBatch;
    private final List<Thread> writers;
    private volatile boolean closed;

    private record Pending(StoreRequest request, CompletableFuture<Outcome> outcome) {
    }

    GroupCommitMessageStore(JooqUnitOfWork uow, JooqMessageStore store, int maxBatch, int writers) {
        this(uow, store, maxBatch, writers, () -> { });
    }

    /** One writer, with a hook it runs after taking each batch and before storing it (tests pause it there). */
    GroupCommitMessageStore(JooqUnitOfWork uow, JooqMessageStore store, int maxBatch, Runnable beforeBatch) {
        this(uow, store, maxBatch, 1, beforeBatch);
    }

    private GroupCommitMessageStore(JooqUnitOfWork uow, JooqMessageStore store, int maxBatch, int writers, Runnable beforeBatch) {
        this.beforeBatch = Objects.requireNonNull(beforeBatch, "beforeBatch");
        this.uow = Objects.requireNonNull(uow, "uow");
        this.store = Objects.requireNonNull(store, "store");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1");
        }
        List<Thread> started = new ArrayList<>(writers);
        for (int i = 0; i < writers; i++) {
            started.add(Thread.ofPlatform().name("jim-group-commit-" + i).daemon().start(this::writeLoop));
        }
        this.writers = List.copyOf(started);
    }

    @Override
    public Outcome store(StoreRequest request) {
        Objects.requireNonNull(request, "request");
        if (uow.active()) {
            return store.store(request);
        }
        if (closed) {
            throw new UnavailableException("storage is closing", null);
        }
        Pending pending = new Pending(request, new CompletableFuture<>());
        queue.add(pending);
        if (closed && queue.remove(pending)) {
            throw new UnavailableException("storage is closing", null);
        }
        try {
            return pending.outcome().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // The send may still be stored; a retry with the same send_sequence gets its receipt.
            throw new UnavailableException("interrupted while the send was being stored", e);
        } catch (ExecutionException e) {
            // Rethrow the batch's failure as the store itself would have thrown it.
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public Optional<SendReceipt> findReceipt(DeviceId device, SendSequence sendSequence) {
        return store.findReceipt(device, sendSequence);
    }

    /** How many sends wait for the writer (for tests). */
    int queued() {
        return queue.size();
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
                beforeBatch.run();
                commit(batch);
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            } finally {
                batch.clear();
            }
        }
        failRemaining();
    }

    private void commit(List<Pending> batch) {
        List<StoreRequest> requests = batch.stream().map(Pending::request).toList();
        List<Outcome> outcomes;
        try {
            outcomes = uow.withDsl(ctx -> store.storeAll(ctx, requests));
        } catch (RuntimeException | Error e) {
            if (!(e instanceof UnavailableException)) {
                LOG.error("a group commit of {} sends failed; all of them are refused", batch.size(), e);
            }
            batch.forEach(p -> p.outcome().completeExceptionally(e));
            return;
        }
        // Committed: the batch's after-commit actions (the pushes) in the batch's order, which is the order
        // of the inbox sequences it allocated, from this one thread; then the callers wake up.
        JooqMessageStore.afterCommit(requests, outcomes);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).outcome().complete(outcomes.get(i));
        }
    }

    private void failRemaining() {
        for (Pending p; (p = queue.poll()) != null; ) {
            p.outcome().completeExceptionally(new UnavailableException("storage is closing", null));
        }
    }

    /** Stores what is already queued, then stops the writer; later sends are refused as unavailable. */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread writer : writers) {
            try {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (writer.isAlive()) {
                writer.interrupt();
            }
        }
        failRemaining();
    }
}
