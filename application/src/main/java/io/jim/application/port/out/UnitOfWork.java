package io.jim.application.port.out;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: everything the repositories do inside {@code work} commits
 * together or not at all. A call inside another call joins the outer transaction. An exception thrown
 * by {@code work} rolls back and is rethrown unchanged.
 */
public interface UnitOfWork {

    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
