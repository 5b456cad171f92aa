package io.jim.domain.message;

import java.util.Optional;

/** Who produced a message: a user, a business backend (admin API) or the server itself. */
public enum SenderType {
    USER(1),
    BUSINESS(2),
    SYSTEM(3);

    private final int code;

    SenderType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<SenderType> fromCode(int code) {
        for (SenderType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
