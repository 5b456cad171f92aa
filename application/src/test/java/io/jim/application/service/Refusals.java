package io.jim.application.service;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the rule violations the services throw. */
public final class Refusals {

    private Refusals() {
    }

    /** Asserts that {@code call} throws a DomainException with {@code code} and returns it. */
    public static DomainException refused(ErrorCode code, ThrowingCallable call) {
        DomainException[] caught = new DomainException[1];
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.code()).as("error code (message: %s)", e.getMessage())
                            .isEqualTo(code);
                    caught[0] = e;
                });
        return caught[0];
    }

    /** Asserts INVALID_ARGUMENT naming {@code field}. */
    public static DomainException invalid(String field, ThrowingCallable call) {
        DomainException e = refused(ErrorCode.INVALID_ARGUMENT, call);
        org.assertj.core.api.Assertions.assertThat(e.field()).as("field of: %s", e.getMessage()).contains(field);
        return e;
    }
}
