package io.jim.application.fake;

import io.jim.application.port.out.InboxSequenceAllocator;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.user.UserId;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-memory {@link InboxSequenceAllocator}: one counter per user, created at 0 on first use (it does
 * not check that the user exists); thread-safe. With an {@link InMemoryUnitOfWork}, sequences handed
 * out in a transaction that rolls back are handed out again, as the port requires.
 */
public final class InMemoryInboxSequenceAllocator implements InboxSequenceAllocator, InMemoryUnitOfWork.Participant {

    private final InMemoryUnitOfWork unitOfWork;
    private final Map<UserId, Long> last = new HashMap<>();

    public InMemoryInboxSequenceAllocator() {
        this(null);
    }

    /** An allocator whose allocations inside a transaction of {@code unitOfWork} roll back with it (null: never). */
    public InMemoryInboxSequenceAllocator(InMemoryUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    public synchronized Map<UserId, InboxSequence> allocate(Map<UserId, Integer> counts) {
        for (int n : counts.values()) {
            if (n < 1) {
                throw new IllegalArgumentException("count must be positive: " + n);
            }
        }
        if (unitOfWork != null) {
            unitOfWork.beforeWrite(this);
        }
        Map<UserId, InboxSequence> firsts = new HashMap<>();
        for (Map.Entry<UserId, Integer> e : new TreeMap<>(counts).entrySet()) {
            long before = last.getOrDefault(e.getKey(), 0L);
            last.put(e.getKey(), before + e.getValue());
            firsts.put(e.getKey(), InboxSequence.of(before + 1));
        }
        return firsts;
    }

    /** The last sequence handed out to {@code user} (ZERO when none). */
    public synchronized InboxSequence lastAllocated(UserId user) {
        return InboxSequence.of(last.getOrDefault(user, 0L));
    }

    @Override
    public synchronized Object snapshot() {
        return new HashMap<>(last);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        last.clear();
        last.putAll((Map<UserId, Long>) snapshot);
    }
}
