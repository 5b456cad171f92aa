package io.jim.adapter.tcp;

import io.jim.application.config.RateLimit;
import java.util.Objects;

/**
 * The frame budget of one connection (JIM_MAX_FRAMES_PER_SECOND): a token bucket kept as one
 * "theoretical arrival time" (GCRA). Used on the connection's event loop only, so not thread-safe.
 */
final class FrameRate {

    private final boolean off;
    private final long interval;
    private final long tolerance;
    private long tat;
    private boolean started;

    FrameRate(RateLimit limit) {
        Objects.requireNonNull(limit, "limit");
        this.off = limit.isOff();
        this.interval = limit.intervalNanos();
        this.tolerance = off ? 0 : interval * (limit.burst() - 1L);
    }

    /** Takes a token at {@code nowNanos}; false when the budget is used up (nothing is taken then). */
    boolean tryAcquire(long nowNanos) {
        if (off) {
            return true;
        }
        long start = started && tat - nowNanos > 0 ? tat : nowNanos;
        if (start - nowNanos > tolerance) {
            return false;
        }
        started = true;
        tat = start + interval;
        return true;
    }
}
