package io.jim.adapter.tcp;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tasks given to it one at a time, in submission order, on a shared executor: one
 * connection's frames are processed strictly in arrival order while connections proceed in parallel.
 * Lock-free: a task is queued, and whoever flips {@code scheduled} from false to true starts a drain.
 */
final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    /** Tasks run per turn before the drain hands its thread back, so one busy connection cannot hog a pooled thread. */
    private static final int TASKS_PER_TURN = 64;

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialExecutor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "task"));
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException e) {
                // The shared executor is shut down (server stopping): nothing will ever run these.
                scheduled.set(false);
                tasks.clear();
                throw e;
            }
        }
    }

    private void drain() {
        try {
            for (int i = 0; i < TASKS_PER_TURN; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("connection task failed", e);
                }
            }
        } finally {
            scheduled.set(false);
            // A task added after our last poll but before the flag was cleared saw scheduled == true and
            // relied on us: re-check so it is not stranded.
            if (!tasks.isEmpty()) {
                try {
                    schedule();
                } catch (RuntimeException e) {
                    log.debug("dropping connection tasks: executor refused them", e);
                }
            }
        }
    }
}
