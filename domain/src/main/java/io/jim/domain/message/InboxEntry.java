package io.jim.domain.message;

import io.jim.domain.user.UserId;
import java.util.Objects;

/** One user's copy of a message at its place in that user's inbox. */
public record InboxEntry(UserId owner, InboxSequence sequence, Message message) {

    public InboxEntry {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(message, "message");
    }
}
