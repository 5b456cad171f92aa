package io.jim.application.fake;

import io.jim.application.port.out.UnitOfWork;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link UnitOfWork} that serializes all transactions behind one reentrant lock (a nested call joins
 * the outer one) and rolls back the in-memory fakes that were given this unit of work: before a fake
 * first writes inside a transaction it hands its state to {@link #beforeWrite}, and if the outermost
 * work throws, every such state is put back before the exception is rethrown unchanged.
 *
 * <p>Limits: a write made OUTSIDE any transaction by another thread while a transaction runs is lost if
 * that transaction rolls back (real databases isolate it; the fakes only copy state). Ids handed out
 * (user, device, group ids) are not given back, like database auto-increments. Fakes made without a
 * unit of work are never rolled back. The fakes can ask {@link #isInTransaction()} to enforce "writes
 * inside a unit of work" and "push after commit".
 */
public final class InMemoryUnitOfWork implements UnitOfWork {

    /** A fake whose state this unit of work can save and put back. */
    public interface Participant {

        /** A copy of the current state, taken while the participant's own lock is held. */
        Object snapshot();

        /** Puts back a state {@link #snapshot()} returned. */
        void restore(Object snapshot);
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}: the state of each participant before its first write in this transaction. */
    private final Map<Participant, Object> saved = new IdentityHashMap<>();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong rolledBack = new AtomicLong();

    public InMemoryUnitOfWork() {
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        boolean outermost = lock.getHoldCount() == 1;
        try {
            T result = work.get();
            if (outermost) {
                saved.clear();
                committed.incrementAndGet();
            }
            return result;
        } catch (RuntimeException | Error e) {
            if (outermost) {
                saved.forEach(Participant::restore);
                saved.clear();
                rolledBack.incrementAndGet();
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called by a fake before each write: inside a transaction of the calling thread, saves the fake's
     * state the first time; outside one, does nothing.
     */
    public void beforeWrite(Participant participant) {
        if (lock.isHeldByCurrentThread() && !saved.containsKey(participant)) {
            saved.put(participant, participant.snapshot());
        }
    }

    /** Whether the calling thread is inside a transaction now. */
    public boolean isInTransaction() {
        return lock.isHeldByCurrentThread();
    }

    /** How many outermost transactions have committed. */
    public long committedCount() {
        return committed.get();
    }

    /** How many outermost transactions have rolled back. */
    public long rolledBackCount() {
        return rolledBack.get();
    }
}
