package io.jim.adapter.mysql;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * A bounded in-memory cache of database reads that an invalidation cannot lose to a concurrent read.
 *
 * <p>The race it closes: a reader misses, reads the database, and puts what it read; if a change is
 * committed and invalidated between the reader's read and its put, a plain cache keeps the old value
 * for good. Here every {@link #invalidate} first bumps a generation counter and then removes the key,
 * while a reader notes the generation before it reads the database, puts, and then checks the
 * generation again, removing its own entry if it moved: put-then-check against bump-then-remove, so
 * whichever comes second wins and no value read before an invalidation survives it. One counter per
 * cache: invalidations are rare, so the occasional reader that drops a good entry because some other
 * key changed costs nothing. Callers invalidate when they make a change AND again once its transaction
 * has ended ({@link JooqUnitOfWork#afterCompletion}), because other connections read the old rows until
 * the commit.
 *
 * <p>Bounded twice: at most {@code maxEntries} entries and at most {@code maxWeight} units of weight (the
 * group cache weighs a list by its length). A put that would cross a bound first drops the expired
 * entries and then arbitrary ones until at most half of each bound is used (simple, and one full sweep
 * per half-bound of new entries). An entry older than the time to live is read again: a safety net for
 * changes made behind the server's back, directly in the database, which no invalidation sees.
 */
final class ReadCache<K, V> {

    private final int maxEntries;
    private final long maxWeight;
    private final ToIntFunction<V> weigher;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong weight = new AtomicLong();
    private final AtomicLong generation = new AtomicLong();
    private final ReentrantLock eviction = new ReentrantLock();

    ReadCache(int maxEntries, long maxWeight, ToIntFunction<V> weigher, Duration ttl, LongSupplier nanoTime) {
        if (maxEntries < 1 || maxWeight < 1) {
            throw new IllegalArgumentException("bounds must be positive: " + maxEntries + ", " + maxWeight);
        }
        this.maxEntries = maxEntries;
        this.maxWeight = maxWeight;
        this.weigher = Objects.requireNonNull(weigher, "weigher");
        this.ttlNanos = Objects.requireNonNull(ttl, "ttl").toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (ttlNanos <= 0) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
    }

    /**
     * The cached value of {@code key}, or {@code load}'s (which reads the database, committed state
     * only: never call this inside a transaction that may have changed the key), kept if
     * {@code cacheable} accepts it.
     */
    V get(K key, Supplier<V> load, Predicate<V> cacheable) {
        long now = nanoTime.getAsLong();
        Entry<V> hit = entries.get(key);
        if (hit != null) {
            if (now - hit.loadedAt < ttlNanos) {
                return hit.value;
            }
            remove(key, hit);
        }
        long seen = generation.get();
        V value = load.get();
        if (!cacheable.test(value)) {
            return value;
        }
        int w = weigher.applyAsInt(value);
        if (w > maxWeight) {
            return value;
        }
        makeRoom(w);
        // Stamped with the time before the read: the entry is never trusted longer than the data is old.
        Entry<V> fresh = new Entry<>(value, now, w);
        Entry<V> replaced = entries.put(key, fresh);
        weight.addAndGet(w - (replaced == null ? 0 : replaced.weight));
        if (generation.get() != seen) {
            remove(key, fresh);
        }
        return value;
    }

    /** Drops {@code key} and fails every read in flight that started before (see the class comment). */
    void invalidate(K key) {
        generation.incrementAndGet();
        Entry<V> removed = entries.remove(key);
        if (removed != null) {
            weight.addAndGet(-removed.weight);
        }
    }

    /** Entries held, expired ones included. */
    int size() {
        return entries.size();
    }

    /** The summed weight of the entries held. */
    long weight() {
        return weight.get();
    }

    private void makeRoom(int w) {
        if (entries.size() < maxEntries && weight.get() + w <= maxWeight) {
            return;
        }
        // One thread makes room; the others put meanwhile, overshooting by at most one entry each.
        if (!eviction.tryLock()) {
            return;
        }
        try {
            long now = nanoTime.getAsLong();
            entries.forEach((key, entry) -> {
                if (now - entry.loadedAt >= ttlNanos) {
                    remove(key, entry);
                }
            });
            Iterator<Map.Entry<K, Entry<V>>> it = entries.entrySet().iterator();
            while (it.hasNext() && (entries.size() > maxEntries / 2 || weight.get() > maxWeight / 2)) {
                Map.Entry<K, Entry<V>> next = it.next();
                remove(next.getKey(), next.getValue());
            }
        } finally {
            eviction.unlock();
        }
    }

    private void remove(K key, Entry<V> entry) {
        if (entries.remove(key, entry)) {
            weight.addAndGet(-entry.weight);
        }
    }

    /**
     * A cached value with its load time. Not a record on purpose: removal compares entries by
     * identity, so that a reader removes its own entry and never an equal one put by another reader.
     */
    private static final class Entry<V> {

        final V value;
        final long loadedAt;
        final int weight;

        Entry(V value, long loadedAt, int weight) {
            this.value = value;
            this.loadedAt = loadedAt;
            this.weight = weight;
        }
    }
}
