package io.jim.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs submitted tasks one at a time, in submission order, on a backing executor: the "context" that
 * confines a session's state so that it needs no locks, without owning a thread while idle.
 */
final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor backing;
    private volatile Thread runner;

    SerialExecutor(Executor backing) {
        this.backing = Objects.requireNonNull(backing, "backing");
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "task"));
        schedule();
    }

    /** Whether the calling thread is the one currently running this executor's tasks. */
    boolean inContext() {
        return runner == Thread.currentThread();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            backing.execute(this::drain);
        }
    }

    private void drain() {
        runner = Thread.currentThread();
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    log.error("session task failed", e);
                }
            }
        } finally {
            runner = null;
            scheduled.set(false);
            // A task added after the last poll but before the flag was cleared would otherwise wait forever.
            if (!tasks.isEmpty()) {
                schedule();
            }
        }
    }
}
