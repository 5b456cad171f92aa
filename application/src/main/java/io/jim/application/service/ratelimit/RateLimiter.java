package io.jim.application.service.ratelimit;

import io.jim.application.config.RateLimit;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (user, device, IP address …), thread-safe and lock-free, with bounded memory.
 *
 * <p>Each key holds one number, its "theoretical arrival time" (the generic cell rate algorithm, which
 * is a token bucket without a refill timer): a request at {@code now} is allowed when
 * {@code max(tat, now) - now <= (burst - 1) × interval}, and then moves {@code tat} one interval on.
 * A key whose {@code tat} lies in the past has a full bucket, which is the same as no entry at all:
 * such entries are swept out, at most once per {@code max(interval × burst, 1 s)}. If the map holds
 * {@code maxKeys} entries (many keys active at once, e.g. an attacker rotating addresses), new keys
 * share one overflow bucket until a sweep makes room, so memory stays bounded and they stay limited,
 * together. A request racing with the sweep of its own key may be allowed once without being counted.
 */
public final class RateLimiter<K> {

    /** Keys tracked before new ones share the overflow bucket. */
    public static final int DEFAULT_MAX_KEYS = 1 << 20;

    private final RateLimit limit;
    private final LongSupplier nanoTime;
    private final long interval;
    private final long tolerance;
    private final int maxKeys;
    private final Map<K, AtomicLong> buckets = new ConcurrentHashMap<>();
    private final AtomicLong overflow = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong nextSweep;

    /**
     * @param nanoTime a monotonic time source in nanoseconds (System::nanoTime, or a test's mutable one)
     */
    public RateLimiter(RateLimit limit, LongSupplier nanoTime, int maxKeys) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive: " + maxKeys);
        }
        this.maxKeys = maxKeys;
        this.interval = limit.intervalNanos();
        this.tolerance = limit.isOff() ? 0 : interval * (limit.burst() - 1L);
        this.nextSweep = new AtomicLong(nanoTime.getAsLong());
    }

    public RateLimiter(RateLimit limit, LongSupplier nanoTime) {
        this(limit, nanoTime, DEFAULT_MAX_KEYS);
    }

    /** A nanosecond source read from a clock (millisecond steps; a clock set back counts as no time passing). */
    public static LongSupplier nanosOf(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return () -> Math.multiplyExact(clock.millis(), 1_000_000L);
    }

    /** Takes a token for {@code key}; false (and nothing taken) when its bucket is empty. */
    public boolean tryAcquire(K key) {
        if (limit.isOff()) {
            return true;
        }
        long now = nanoTime.getAsLong();
        sweepIfDue(now);
        AtomicLong tat = buckets.get(key);
        if (tat == null) {
            tat = buckets.size() < maxKeys ? buckets.computeIfAbsent(key, k -> new AtomicLong(Long.MIN_VALUE)) : overflow;
        }
        while (true) {
            long current = tat.get();
            long start = Math.max(current, now);
            if (start - now > tolerance) {
                return false;
            }
            if (tat.compareAndSet(current, start + interval)) {
                return true;
            }
        }
    }

    /** How long until {@code key} may make a request again (zero when it may now). */
    public long retryAfterNanos(K key) {
        if (limit.isOff()) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        AtomicLong tat = buckets.getOrDefault(key, buckets.size() < maxKeys ? null : overflow);
        return tat == null ? 0 : Math.max(0, Math.max(tat.get(), now) - now - tolerance);
    }

    /** Keys currently tracked (memory held). */
    public int trackedKeys() {
        return buckets.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + Math.max(interval * limit.burst(), 1_000_000_000L))) {
            sweep(now);
        }
    }

    /** Drops the keys whose bucket is full again: they behave exactly as keys never seen. */
    private void sweep(long now) {
        for (Iterator<AtomicLong> it = buckets.values().iterator(); it.hasNext(); ) {
            if (it.next().get() <= now) {
                it.remove();
            }
        }
    }
}
