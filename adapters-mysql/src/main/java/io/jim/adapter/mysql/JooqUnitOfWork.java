package io.jim.adapter.mysql;

import io.jim.application.port.out.UnitOfWork;
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
 */
public final class JooqUnitOfWork implements UnitOfWork {

    private final DSLContext root;
    private final ThreadLocal<DSLContext> current = new ThreadLocal<>();

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
        try {
            // jOOQ rethrows a RuntimeException of the callable unchanged after rolling back.
            return root.transactionResult(configuration -> {
                current.set(configuration.dsl());
                try {
                    return work.get();
                } finally {
                    current.remove();
                }
            });
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }

    /** Whether the calling thread is inside a unit of work. */
    boolean active() {
        return current.get() != null;
    }

    /** Runs {@code work} on the current transaction's context, or in a transaction of its own. */
    <T> T withDsl(Function<DSLContext, T> work) {
        return inTransaction(() -> work.apply(current.get()));
    }

    /** The dialect-configured context outside any transaction (for code that manages its own). */
    DSLContext root() {
        return root;
    }
}
