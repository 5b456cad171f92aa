package io.jim.application.service.message;

import io.jim.domain.message.InboxEntry;
import io.jim.domain.user.UserId;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per user, a sequence known to be committed in that user's inbox: a lower bound of its newest sequence,
 * shared by the services of one process.
 *
 * <p>Acks are the most frequent frame (every receiving device acks every push) and each must be capped
 * at the inbox's newest sequence, which would cost a database read per ack. But every copy that a device
 * can ack was pushed after {@link SendMessageService} stored it, and the store returns only after the
 * commit, so the send service raises the watermark of every owner before anything is pushed; an ack at or
 * below the watermark needs no read. A user's newest sequence never decreases, so a value once committed
 * stays a valid lower bound forever; a value is only ever recorded from a committed store (never from
 * inside a caller's unit of work, which could still roll back and hand the sequences out again).
 *
 * <p>Bounded: past {@value #MAX_USERS} users the map starts afresh, which only costs reads.
 */
public final class InboxWatermarks {

    static final int MAX_USERS = 1_000_000;

    private final ConcurrentHashMap<Long, Long> committed = new ConcurrentHashMap<>();

    public InboxWatermarks() {
    }

    /** The highest sequence recorded for {@code user}, or 0 when none is known. */
    public long known(UserId user) {
        Long value = committed.get(user.value());
        return value == null ? 0 : value;
    }

    /** Records that {@code sequence} is committed in {@code user}'s inbox. */
    public void raise(UserId user, long sequence) {
        if (sequence <= 0) {
            return;
        }
        Long value = committed.get(user.value());
        if (value != null && value >= sequence) {
            return;
        }
        if (value == null && committed.size() >= MAX_USERS) {
            committed.clear();
        }
        committed.merge(user.value(), sequence, Math::max);
    }

    /** Records every copy of a committed store. */
    public void raise(List<InboxEntry> committedEntries) {
        for (InboxEntry entry : committedEntries) {
            raise(entry.owner(), entry.sequence().value());
        }
    }
}
