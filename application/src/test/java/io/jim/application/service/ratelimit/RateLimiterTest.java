package io.jim.application.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jim.application.config.RateLimit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(123_456_789L);

    private RateLimiter<String> limiter(RateLimit limit) {
        return new RateLimiter<>(limit, now::get);
    }

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void aBurstShouldBeAllowedAtOnceAndTheNextRequestRefused() {
        RateLimiter<String> limiter = limiter(new RateLimit(10, 5));
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("a")).as("request %d of the burst", i + 1).isTrue();
        }
        assertThat(limiter.tryAcquire("a")).isFalse();
    }

    @Test
    void tokensShouldComeBackAtTheSustainedRate() {
        RateLimiter<String> limiter = limiter(new RateLimit(10, 2));
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.retryAfterNanos("a")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));

        advanceMillis(99);
        assertThat(limiter.tryAcquire("a")).isFalse();
        advanceMillis(1);
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
    }

    @Test
    void aRefusedRequestShouldNotUseUpAToken() {
        RateLimiter<String> limiter = limiter(new RateLimit(1, 1));
        assertThat(limiter.tryAcquire("a")).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire("a")).isFalse();
        }
        advanceMillis(1000);
        assertThat(limiter.tryAcquire("a")).isTrue();
    }

    @Test
    void keysShouldHaveSeparateBuckets() {
        RateLimiter<String> limiter = limiter(new RateLimit(1, 1));
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).isTrue();
        assertThat(limiter.retryAfterNanos("c")).isZero();
    }

    @Test
    void aLongIdleKeyShouldGetNoMoreThanOneBurst() {
        RateLimiter<String> limiter = limiter(new RateLimit(10, 3));
        advanceMillis(3_600_000);
        int allowed = 0;
        while (limiter.tryAcquire("a")) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(3);
    }

    @Test
    void idleKeysShouldBeForgotten() {
        RateLimiter<String> limiter = limiter(new RateLimit(10, 2));
        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire("key" + i);
        }
        assertThat(limiter.trackedKeys()).isEqualTo(1000);

        advanceMillis(1_000); // every bucket is full again, and a sweep is due (at most once per second)
        limiter.tryAcquire("fresh");

        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }

    @Test
    void keysBeyondTheCapShouldShareOneOverflowBucketSoMemoryStaysBounded() {
        RateLimiter<String> limiter = new RateLimiter<>(new RateLimit(1, 2), now::get, 3);
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("b")).isTrue();
        assertThat(limiter.tryAcquire("c")).isTrue();

        assertThat(limiter.tryAcquire("d")).isTrue();
        assertThat(limiter.tryAcquire("e")).isTrue();
        assertThat(limiter.tryAcquire("f")).as("the overflow bucket's burst is used up by d and e").isFalse();
        assertThat(limiter.trackedKeys()).isEqualTo(3);
    }

    @Test
    void offShouldAllowEverything() {
        RateLimiter<String> limiter = limiter(RateLimit.OFF);
        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.tryAcquire("a")).isTrue();
        }
        assertThat(limiter.trackedKeys()).isZero();
    }

    @Test
    void theNamedRatesShouldHaveTheDocumentedBursts() {
        assertThat(RateLimit.perSecond(100)).isEqualTo(new RateLimit(100, 200));
        assertThat(RateLimit.perMinute(30)).isEqualTo(new RateLimit(0.5, 30));
        assertThat(RateLimit.perSecond(0)).isEqualTo(RateLimit.OFF);
        assertThatThrownBy(() -> new RateLimit(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
