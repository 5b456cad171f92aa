package io.jim.domain.message;

import java.util.Optional;

/** Whom a message is addressed to: a user (1:1) or a group. */
public enum ReceiverType {
    USER(1),
    GROUP(2);

    private final int code;

    ReceiverType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ReceiverType> fromCode(int code) {
        for (ReceiverType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
