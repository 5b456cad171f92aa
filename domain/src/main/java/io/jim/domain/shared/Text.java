package io.jim.domain.shared;

/** Validation of the bounded text fields of the model (lengths counted in Unicode code points). */
public final class Text {

    private Text() {
    }

    /** Returns {@code value} when its length is within [min, max] code points and it has no control characters. */
    public static String bounded(String field, String value, int min, int max) {
        if (value == null) {
            if (min == 0) {
                return "";
            }
            throw DomainException.invalid(field, field + " is required");
        }
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw DomainException.invalid(field, field + " must be " + min + " to " + max + " characters long");
        }
        if (value.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            throw DomainException.invalid(field, field + " must not contain control characters");
        }
        return value;
    }
}
