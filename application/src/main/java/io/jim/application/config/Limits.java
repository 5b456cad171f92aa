package io.jim.application.config;

import java.util.Objects;

/**
 * The configurable limits the use cases enforce: content size in UTF-8 bytes (JIM_MAX_CONTENT_BYTES),
 * group size (JIM_MAX_GROUP_MEMBERS) and the sends one user may make, over all its devices and both
 * wires (JIM_MAX_SENDS_PER_SECOND_PER_USER, per server).
 */
public record Limits(int maxContentBytes, int maxGroupMembers, RateLimit sendsPerUser) {

    /** 100 sends per second per user, bursts of 200. */
    public static final RateLimit DEFAULT_SENDS_PER_USER = RateLimit.perSecond(100);

    public static final Limits DEFAULTS = new Limits(16384, 2000, DEFAULT_SENDS_PER_USER);

    public Limits {
        if (maxContentBytes < 1 || maxGroupMembers < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        Objects.requireNonNull(sendsPerUser, "sendsPerUser");
    }

    /** The given sizes with the default send rate. */
    public Limits(int maxContentBytes, int maxGroupMembers) {
        this(maxContentBytes, maxGroupMembers, DEFAULT_SENDS_PER_USER);
    }
}
