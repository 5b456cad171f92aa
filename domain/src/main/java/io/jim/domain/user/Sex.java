package io.jim.domain.user;

import io.jim.domain.shared.DomainException;

/** A user's declared sex: 0 unknown, 1 male, 2 female. */
public enum Sex {
    UNKNOWN(0),
    MALE(1),
    FEMALE(2);

    private final int code;

    Sex(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Sex fromCode(int code) {
        for (Sex s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw DomainException.invalid("sex", "sex must be 0, 1 or 2");
    }
}
