package io.jim.application.fake;

import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.InboxSequenceAllocator;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.Message;
import io.jim.domain.message.MessageId;
import io.jim.domain.user.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory {@link InboxRepository} taking its sequences from an {@link InboxSequenceAllocator};
 * thread-safe. Given the {@link InMemoryUnitOfWork}, {@link #append} refuses (IllegalStateException)
 * to run outside a transaction, as the port requires, and rolls back with it (give the allocator the
 * same unit of work so that its sequences roll back too).
 */
public final class InMemoryInboxRepository implements InboxRepository, InMemoryUnitOfWork.Participant {

    private final InboxSequenceAllocator allocator;
    private final InMemoryUnitOfWork unitOfWork;
    private final Map<MessageId, Message> messages = new HashMap<>();
    private final Map<UserId, TreeMap<InboxSequence, InboxEntry>> inboxes = new HashMap<>();

    /** A repository with its own allocator that does not check for transactions. */
    public InMemoryInboxRepository() {
        this(new InMemoryInboxSequenceAllocator(), null);
    }

    public InMemoryInboxRepository(InboxSequenceAllocator allocator) {
        this(allocator, null);
    }

    /**
     * A repository whose writes must run inside a transaction of {@code unitOfWork} and roll back with it
     * (null: unchecked, never rolled back).
     */
    public InMemoryInboxRepository(InboxSequenceAllocator allocator, InMemoryUnitOfWork unitOfWork) {
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.unitOfWork = unitOfWork;
    }

    @Override
    public synchronized List<InboxEntry> append(Message message, List<UserId> owners) {
        Objects.requireNonNull(message, "message");
        if (unitOfWork != null && !unitOfWork.isInTransaction()) {
            throw new IllegalStateException("InboxRepository.append called outside a unit of work");
        }
        if (unitOfWork != null) {
            unitOfWork.beforeWrite(this);
        }
        if (owners.isEmpty()) {
            messages.put(message.id(), message);
            return List.of();
        }
        Map<UserId, Integer> counts = new LinkedHashMap<>();
        for (UserId owner : owners) {
            counts.merge(owner, 1, Integer::sum);
        }
        Map<UserId, InboxSequence> next = new HashMap<>(allocator.allocate(counts));
        messages.put(message.id(), message);
        List<InboxEntry> entries = new ArrayList<>(owners.size());
        for (UserId owner : owners) {
            InboxSequence sequence = next.get(owner);
            next.put(owner, sequence.next());
            InboxEntry entry = new InboxEntry(owner, sequence, message);
            inboxes.computeIfAbsent(owner, k -> new TreeMap<>()).put(sequence, entry);
            entries.add(entry);
        }
        return List.copyOf(entries);
    }

    @Override
    public synchronized List<InboxEntry> read(UserId owner, InboxSequence after, int limit) {
        TreeMap<InboxSequence, InboxEntry> inbox = inboxes.get(owner);
        if (inbox == null || limit <= 0) {
            return List.of();
        }
        return inbox.tailMap(after, false).values().stream().limit(limit).toList();
    }

    @Override
    public synchronized InboxSequence newest(UserId owner) {
        TreeMap<InboxSequence, InboxEntry> inbox = inboxes.get(owner);
        return inbox == null || inbox.isEmpty() ? InboxSequence.ZERO : inbox.lastKey();
    }

    private record State(Map<MessageId, Message> messages, Map<UserId, TreeMap<InboxSequence, InboxEntry>> inboxes) {
    }

    @Override
    public synchronized Object snapshot() {
        Map<UserId, TreeMap<InboxSequence, InboxEntry>> copy = new HashMap<>();
        inboxes.forEach((owner, inbox) -> copy.put(owner, new TreeMap<>(inbox)));
        return new State(new HashMap<>(messages), copy);
    }

    @Override
    public synchronized void restore(Object snapshot) {
        State state = (State) snapshot;
        messages.clear();
        messages.putAll(state.messages());
        inboxes.clear();
        inboxes.putAll(state.inboxes());
    }

    /** Every copy in {@code owner}'s inbox, ascending (a test's view). */
    public synchronized List<InboxEntry> inboxOf(UserId owner) {
        TreeMap<InboxSequence, InboxEntry> inbox = inboxes.get(owner);
        return inbox == null ? List.of() : List.copyOf(inbox.values());
    }

    /** The stored message with this id, if any. */
    public synchronized Optional<Message> message(MessageId id) {
        return Optional.ofNullable(messages.get(id));
    }

    /** How many distinct messages are stored. */
    public synchronized int messageCount() {
        return messages.size();
    }
}
