package io.jim.application.fake;

import io.jim.application.port.out.UnitOfWork;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link UnitOfWork} that serializes all transactions behind one reentrant lock (a nested call joins
 * the outer one). It does NOT roll back: writes made before an exception stay. Services validate before
 * they write, so tests see the same results as with a real database; tests of rollback belong to the
 * database adapter. The in-memory fakes can ask {@link #isInTransaction()} to enforce "writes inside a
 * unit of work" and "push after commit".
 */
public final class InMemoryUnitOfWork implements UnitOfWork {

    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public InMemoryUnitOfWork() {
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        boolean outermost = lock.getHoldCount() == 1;
        try {
            T result = work.get();
            if (outermost) {
                committed.incrementAndGet();
            }
            return result;
        } catch (RuntimeException | Error e) {
            if (outermost) {
                failed.incrementAndGet();
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the calling thread is inside a transaction now. */
    public boolean isInTransaction() {
        return lock.isHeldByCurrentThread();
    }

    /** How many outermost transactions have completed normally. */
    public long committedCount() {
        return committed.get();
    }

    /** How many outermost transactions ended with an exception (their writes were NOT undone). */
    public long failedCount() {
        return failed.get();
    }
}
