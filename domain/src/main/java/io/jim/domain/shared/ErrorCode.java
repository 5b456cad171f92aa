package io.jim.domain.shared;

/**
 * The symbolic outcome of a broken rule. Each adapter maps every constant to its wire code with an
 * exhaustive switch, so a new constant breaks the build until both wires decide.
 */
public enum ErrorCode {
    INTERNAL,
    NOT_FRIENDS,
    NOT_IN_GROUP,
    UNAUTHENTICATED,
    INVALID_ARGUMENT,
    NOT_FOUND,
    PERMISSION_DENIED,
    CONFLICT,
    RATE_LIMITED,
    TOO_LARGE,
    UNAVAILABLE
}
