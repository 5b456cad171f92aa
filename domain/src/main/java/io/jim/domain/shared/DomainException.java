package io.jim.domain.shared;

import java.util.Objects;
import java.util.Optional;

/**
 * A rule violation: expected control flow, so it carries no stack trace. {@code field} names the
 * offending input (for INVALID_ARGUMENT) when there is one.
 */
public final class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    public DomainException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public DomainException(ErrorCode code, String message, String field) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    public static DomainException invalid(String field, String message) {
        return new DomainException(ErrorCode.INVALID_ARGUMENT, message, field);
    }

    public static DomainException notFound(String message) {
        return new DomainException(ErrorCode.NOT_FOUND, message);
    }

    public static DomainException conflict(String message) {
        return new DomainException(ErrorCode.CONFLICT, message);
    }

    public static DomainException denied(String message) {
        return new DomainException(ErrorCode.PERMISSION_DENIED, message);
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
