package io.jim.client.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/** Runs {@code n} tasks on virtual threads, at most {@code concurrency} at a time; rethrows the first failure. */
final class Parallel {

    private Parallel() {
    }

    static void run(int n, int concurrency, IntConsumer task) {
        Semaphore permits = new Semaphore(Math.max(1, concurrency));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n && failure.get() == null; i++) {
                permits.acquireUninterruptibly();
                int index = i;
                threads.execute(() -> {
                    try {
                        task.accept(index);
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
