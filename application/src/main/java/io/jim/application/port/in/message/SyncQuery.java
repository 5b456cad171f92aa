package io.jim.application.port.in.message;

import io.jim.domain.user.UserId;
import java.util.Objects;

/** Read an inbox after a sequence. A negative {@code after} means 0; a limit ≤ 0 means 100, over 500 means 500. */
public record SyncQuery(UserId owner, long after, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    public SyncQuery {
        Objects.requireNonNull(owner, "owner");
        after = Math.max(0, after);
        limit = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    }
}
