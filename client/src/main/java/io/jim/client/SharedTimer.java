package io.jim.client;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The default timer of all sessions: one daemon thread, because timer tasks only hand work to a session's
 * context and thousands of sessions (a load generator) must not mean thousands of timer threads.
 */
final class SharedTimer {

    private SharedTimer() {
    }

    static ScheduledExecutorService get() {
        return Holder.TIMER;
    }

    private static final class Holder {
        private static final ScheduledExecutorService TIMER = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                    Thread.ofPlatform().name("jim-client-timer").daemon(true).factory());
            // Heartbeat and ack timers are cancelled far more often than they fire.
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }
}
