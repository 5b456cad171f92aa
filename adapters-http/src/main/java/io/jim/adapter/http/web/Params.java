package io.jim.adapter.http.web;

import io.javalin.http.Context;
import io.jim.domain.shared.DomainException;
import java.util.Optional;

/** Path and query parameters as numbers, with a 400 naming the parameter when they are not. */
public final class Params {

    /** Longest decimal form of a non-negative long. */
    private static final int MAX_DIGITS = 19;

    private Params() {
    }

    /** A path id: decimal digits only (no sign, no spaces), within a long. */
    public static long pathId(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        if (raw.isEmpty() || raw.length() > MAX_DIGITS || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw DomainException.invalid(name, name + " must be a non-negative whole number");
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw DomainException.invalid(name, name + " is out of range");
        }
    }

    /** An optional whole-number query parameter (an optional minus sign, then digits). */
    public static Optional<Long> queryLong(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return Optional.empty();
        }
        String digits = raw.startsWith("-") ? raw.substring(1) : raw;
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw DomainException.invalid(name, name + " must be a whole number");
        }
        try {
            return Optional.of(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            throw DomainException.invalid(name, name + " is out of range");
        }
    }

    /** An optional text query parameter. */
    public static Optional<String> queryText(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name));
    }

    /** A required value of a parsed body: a 400 naming the field when it is absent. */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw DomainException.invalid(field, field + " is required");
        }
        return value;
    }
}
