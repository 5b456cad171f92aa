package io.jim.adapter.mysql;

import io.jim.application.port.out.UnitOfWork;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * {@link UnitOfWork} on jOOQ transactions. The current transaction's {@link DSLContext} is kept per
 * thread (a plain ThreadLocal, which virtual threads carry like any other thread), so the repositories
 * find it without passing it around; a nested call simply joins it (no savepoint: one more round trip
 * for nothing). Repository calls made outside any unit of work run in a short transaction of their own,
 * because the pool hands out connections with auto-commit off.
 *
 * <p>Repository code may register {@linkplain #afterCompletion callbacks} to run once the transaction
 * has ended, committed or rolled back: the read caches drop entries there, because a change becomes
 * visible to other connections only at the commit, so dropping them when the change is made is not
 * enough (a concurrent reader could still read the old rows and cache them again).
 */
public final class JooqUnitOfWork implements UnitOfWork {

    private final DSLContext root;
    private final ThreadLocal<Transaction> current = new ThreadLocal<>();

    public JooqUnitOfWork(DSLContext root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        if (current.get() != null) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                throw SqlFailures.translate(e);
            }
        }
        Transaction transaction = new Transaction();
        Throwable failure = null;
        try {
            // jOOQ rethrows a RuntimeException of the callable unchanged after rolling back.
            return root.transactionResult(configuration -> {
                transaction.dsl = configuration.dsl();
                current.set(transaction);
                try {
                    return work.get();
                } finally {
                    current.remove();
                }
            });
        } catch (RuntimeException e) {
            RuntimeException translated = SqlFailures.translate(e);
            failure = translated;
            throw translated;
        } catch (Error e) {
            failure = e;
            throw e;
        } finally {
            transaction.completed(failure);
        }
    }

    /** Whether the calling thread is inside a unit of work. */
    boolean active() {
        return current.get() != null;
    }

    /**
     * Runs {@code callback} once the calling thread's transaction has ended, whether it committed or
     * rolled back (callbacks run in registration order, before {@link #inTransaction} returns or
     * throws); outside any transaction there is nothing to wait for, so it runs at once. Callbacks must
     * be quick and not touch the database: the transaction's connection is already back in the pool.
     */
    void afterCompletion(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        Transaction transaction = current.get();
        if (transaction == null) {
            callback.run();
        } else {
            transaction.register(callback);
        }
    }

    /** Runs {@code work} on the current transaction's context, or in a transaction of its own. */
    <T> T withDsl(Function<DSLContext, T> work) {
        return inTransaction(() -> work.apply(current.get().dsl));
    }

    /** The dialect-configured context outside any transaction (for code that manages its own). */
    DSLContext root() {
        return root;
    }

    /** The calling thread's transaction: its context and the callbacks to run once it has ended. */
    private static final class Transaction {

        private DSLContext dsl;
        /** Created on the first registration: most transactions have none. */
        private List<Runnable> afterCompletion;

        void register(Runnable callback) {
            if (afterCompletion == null) {
                afterCompletion = new ArrayList<>(2);
            }
            afterCompletion.add(callback);
        }

        /**
         * Runs every callback even if one fails. A callback's failure is added to the transaction's
         * own failure if there is one (which then propagates unchanged), else thrown.
         */
        void completed(Throwable transactionFailure) {
            if (afterCompletion == null) {
                return;
            }
            RuntimeException first = null;
            for (Runnable callback : afterCompletion) {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    if (transactionFailure != null) {
                        transactionFailure.addSuppressed(e);
                    } else if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
