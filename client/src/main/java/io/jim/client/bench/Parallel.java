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

    /**
     * Calls {@code call}, retrying (up to 8 times, with backoff) what a loaded server may answer: 503
     * UNAVAILABLE, 429 RATE_LIMITED, and transport failures.
     */
    static <T> T retrying(java.util.function.Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (io.jim.client.JimApiException e) {
                if (attempt >= 8 || (e.status() != 503 && e.status() != 429)) {
                    throw e;
                }
            } catch (java.io.UncheckedIOException e) {
                if (attempt >= 8) {
                    throw e;
                }
            }
            try {
                Thread.sleep(Math.min(5000, 50L << attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
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
