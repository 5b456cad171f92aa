package io.jim.application.config;

/**
 * The configurable limits the use cases enforce: content size in UTF-8 bytes (JIM_MAX_CONTENT_BYTES)
 * and group size (JIM_MAX_GROUP_MEMBERS).
 */
public record Limits(int maxContentBytes, int maxGroupMembers) {

    public static final Limits DEFAULTS = new Limits(16384, 2000);

    public Limits {
        if (maxContentBytes < 1 || maxGroupMembers < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
