package io.jim.adapter.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link ReadCache} on its own: its bounds, its time to live and its generation check (no database needed). */
class ReadCacheTest {

    private static final Duration TTL = Duration.ofSeconds(60);

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger loads = new AtomicInteger();

    private ReadCache<String, List<Integer>> cache(int maxEntries, long maxWeight) {
        return new ReadCache<>(maxEntries, maxWeight, List::size, TTL, nanos::get);
    }

    private Supplier<List<Integer>> counted(List<Integer> value) {
        return () -> {
            loads.incrementAndGet();
            return value;
        };
    }

    private List<Integer> get(ReadCache<String, List<Integer>> cache, String key, List<Integer> value) {
        return cache.get(key, counted(value), v -> true);
    }

    @Test
    void aCachedValueShouldBeReturnedWithoutLoadingAgain() {
        ReadCache<String, List<Integer>> cache = cache(10, 100);
        assertThat(get(cache, "a", List.of(1))).containsExactly(1);

        assertThat(get(cache, "a", List.of(2))).containsExactly(1);
        assertThat(loads).hasValue(1);
    }

    @Test
    void aFullCacheShouldMakeRoomDownToHalfItsEntries() {
        ReadCache<String, List<Integer>> cache = cache(4, 100);
        for (String key : List.of("a", "b", "c", "d")) {
            get(cache, key, List.of(1));
        }
        assertThat(cache.size()).isEqualTo(4);

        get(cache, "e", List.of(1));

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.weight()).isEqualTo(3);
        loads.set(0);
        get(cache, "e", List.of(1));
        assertThat(loads).as("the new entry is kept").hasValue(0);
    }

    @Test
    void aCacheFullByWeightShouldMakeRoomDownToHalfItsWeight() {
        ReadCache<String, List<Integer>> cache = cache(100, 10);
        get(cache, "a", List.of(1, 2, 3, 4));
        get(cache, "b", List.of(1, 2, 3, 4));
        assertThat(cache.weight()).isEqualTo(8);

        get(cache, "c", List.of(1, 2, 3, 4));

        assertThat(cache.weight()).isLessThanOrEqualTo(10);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void makingRoomShouldDropExpiredEntriesFirst() {
        ReadCache<String, List<Integer>> cache = cache(4, 100);
        get(cache, "old1", List.of(1));
        get(cache, "old2", List.of(1));
        nanos.addAndGet(TTL.toNanos());
        get(cache, "new1", List.of(1));
        get(cache, "new2", List.of(1));

        get(cache, "new3", List.of(1));

        loads.set(0);
        get(cache, "new1", List.of(1));
        get(cache, "new2", List.of(1));
        get(cache, "new3", List.of(1));
        assertThat(loads).as("the fresh entries survived").hasValue(0);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void anEntryShouldBeLoadedAgainOnceItsTimeToLiveHasPassed() {
        ReadCache<String, List<Integer>> cache = cache(10, 100);
        get(cache, "a", List.of(1));
        nanos.addAndGet(TTL.toNanos() - 1);
        assertThat(get(cache, "a", List.of(2))).containsExactly(1);

        nanos.addAndGet(1);

        assertThat(get(cache, "a", List.of(2))).containsExactly(2);
        assertThat(cache.weight()).isEqualTo(1);
    }

    @Test
    void aValueHeavierThanTheWholeBoundOrRefusedShouldNotBeKept() {
        ReadCache<String, List<Integer>> cache = cache(10, 3);
        get(cache, "heavy", List.of(1, 2, 3, 4));
        cache.get("refused", counted(List.of()), v -> !v.isEmpty());

        assertThat(cache.size()).isZero();
        assertThat(cache.weight()).isZero();
    }

    @Test
    void aLoadOverlappingAnyInvalidationShouldNotBeKept() {
        ReadCache<String, List<Integer>> cache = cache(10, 100);

        List<Integer> read = cache.get("a", () -> {
            cache.invalidate("a");
            return List.of(1);
        }, v -> true);

        assertThat(read).containsExactly(1);
        assertThat(cache.size()).isZero();
        assertThat(cache.weight()).isZero();
        cache.get("b", () -> {
            cache.invalidate("another key");
            return List.of(1);
        }, v -> true);
        assertThat(cache.size()).as("one generation for all keys").isZero();
    }

    @Test
    void invalidateShouldDropTheEntryAndItsWeight() {
        ReadCache<String, List<Integer>> cache = cache(10, 100);
        get(cache, "a", List.of(1, 2));
        get(cache, "b", List.of(1));

        cache.invalidate("a");

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.weight()).isEqualTo(1);
        assertThat(get(cache, "a", List.of(3))).containsExactly(3);
    }
}
