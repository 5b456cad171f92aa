package io.jim.application.port.out;

import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.Message;
import io.jim.domain.user.UserId;
import java.util.List;

/**
 * Messages (stored once) and the per-user inbox index (owner, sequence) → message. Writes must run
 * inside a {@link UnitOfWork}.
 */
public interface InboxRepository {

    /**
     * Stores {@code message} once and puts one copy into the inbox of each of {@code owners}, each at
     * that owner's next sequence (allocated atomically; rows written in batches). Returns the copies in
     * the order of {@code owners}.
     */
    List<InboxEntry> append(Message message, List<UserId> owners);

    /** Up to {@code limit} copies of {@code owner}'s inbox with sequence > {@code after}, ascending. */
    List<InboxEntry> read(UserId owner, InboxSequence after, int limit);

    /** The owner's newest sequence (ZERO for an empty inbox). */
    InboxSequence newest(UserId owner);
}
