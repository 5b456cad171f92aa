package io.jim.application.config;

/**
 * A rate as a token bucket: {@code burst} requests may come at once, then {@code perSecond} more per
 * second (sustained). {@link #OFF} (rate 0) allows everything; it is how an operator turns a limit off.
 */
public record RateLimit(double perSecond, int burst) {

    /** No limit. */
    public static final RateLimit OFF = new RateLimit(0, 0);

    public RateLimit {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond) || burst < 0) {
            throw new IllegalArgumentException("a rate limit needs a finite rate >= 0 and a burst >= 0: " + perSecond + "/s, burst " + burst);
        }
        if ((perSecond == 0) != (burst == 0)) {
            throw new IllegalArgumentException("rate and burst are both 0 (off) or both positive: " + perSecond + "/s, burst " + burst);
        }
    }

    /** {@code n} per second sustained with a burst of {@code 2n}; 0 is {@link #OFF}. */
    public static RateLimit perSecond(int n) {
        return n == 0 ? OFF : new RateLimit(n, Math.multiplyExact(2, n));
    }

    /** {@code n} per minute sustained with a burst of {@code n}; 0 is {@link #OFF}. */
    public static RateLimit perMinute(int n) {
        return n == 0 ? OFF : new RateLimit(n / 60.0, n);
    }

    public boolean isOff() {
        return perSecond == 0;
    }

    /** Nanoseconds between two tokens. */
    public long intervalNanos() {
        return isOff() ? 0 : Math.max(1, Math.round(1_000_000_000d / perSecond));
    }
}
