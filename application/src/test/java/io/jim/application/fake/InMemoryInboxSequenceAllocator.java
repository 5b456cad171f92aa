package io.jim.application.fake;

import io.jim.application.port.out.InboxSequenceAllocator;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.user.UserId;
import java.util.HashMap;
import java.util.Map;

/**
 * An in-memory {@link InboxSequenceAllocator}: one counter per user, created at 0 on first use (it does
 * not check that the user exists); thread-safe. Nothing is ever given back, since the in-memory unit of
 * work never rolls back.
 */
public final class InMemoryInboxSequenceAllocator implements InboxSequenceAllocator {

    private final Map<UserId, Long> last = new HashMap<>();

    public InMemoryInboxSequenceAllocator() {
    }

    @Override
    public synchronized Map<UserId, InboxSequence> allocate(Map<UserId, Integer> counts) {
        Map<UserId, InboxSequence> firsts = new HashMap<>();
        for (Map.Entry<UserId, Integer> e : new java.util.TreeMap<>(counts).entrySet()) {
            int n = e.getValue();
            if (n < 1) {
                throw new IllegalArgumentException("count must be positive: " + n);
            }
            long before = last.getOrDefault(e.getKey(), 0L);
            last.put(e.getKey(), before + n);
            firsts.put(e.getKey(), InboxSequence.of(before + 1));
        }
        return firsts;
    }

    /** The last sequence handed out to {@code user} (ZERO when none). */
    public synchronized InboxSequence lastAllocated(UserId user) {
        return InboxSequence.of(last.getOrDefault(user, 0L));
    }
}
