package io.jim.application.port.out;

import io.jim.domain.message.InboxSequence;
import io.jim.domain.user.UserId;
import java.util.Map;

/**
 * Hands out inbox sequences. Must run inside a {@link UnitOfWork}: the sequences become permanent
 * only if that transaction commits, so per user they stay 1, 2, 3 … with no gap and no duplicate
 * under any number of concurrent writers. One call covers any number of users (a group message) in
 * a bounded number of round trips, never one per user; users are locked in ascending id order.
 */
public interface InboxSequenceAllocator {

    /**
     * Reserves {@code counts.get(u)} consecutive sequences for each user {@code u} and returns the first
     * of each range. Every user must exist.
     */
    Map<UserId, InboxSequence> allocate(Map<UserId, Integer> counts);
}
