package io.jim.application.fake;

import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.MessageStore;
import io.jim.application.port.out.UnitOfWork;
import io.jim.domain.device.DeviceId;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.SendReceipt;
import io.jim.domain.message.SendSequence;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link MessageStore} over an {@link InboxRepository} and the in-memory device table
 * (which holds each device's highest accepted send_sequence); each store is one transaction of the
 * given unit of work (its receipts roll back with an {@link InMemoryUnitOfWork}); thread-safe.
 */
public final class InMemoryMessageStore implements MessageStore, InMemoryUnitOfWork.Participant {

    private record Key(DeviceId device, SendSequence sequence) {
    }

    private final UnitOfWork unitOfWork;
    private final InboxRepository inbox;
    private final InMemoryDeviceRepository devices;
    private final Map<Key, SendReceipt> receipts = new HashMap<>();
    private final AtomicInteger storeCalls = new AtomicInteger();

    public InMemoryMessageStore(UnitOfWork unitOfWork, InboxRepository inbox, InMemoryDeviceRepository devices) {
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.devices = Objects.requireNonNull(devices, "devices");
    }

    @Override
    public Outcome store(StoreRequest request) {
        Outcome outcome = storeInTransaction(request);
        if (outcome instanceof Outcome.Stored stored) {
            request.afterCommit().accept(stored); // after the (fake) commit; the fake does not order concurrent stores
        }
        return outcome;
    }

    private Outcome storeInTransaction(StoreRequest request) {
        storeCalls.incrementAndGet();
        return unitOfWork.inTransaction(() -> {
            synchronized (this) {
                Key key = new Key(request.device(), request.sendSequence());
                boolean numbered = request.sendSequence().isNumbered();
                if (numbered) {
                    SendReceipt original = receipts.get(key);
                    if (original != null) {
                        return new Outcome.Duplicate(original);
                    }
                    SendSequence highest = devices.lastSendSequence(request.device());
                    if (!request.sendSequence().isAfter(highest)) {
                        return new Outcome.SequenceTooLow(highest);
                    }
                }
                if (unitOfWork instanceof InMemoryUnitOfWork inMemory) {
                    inMemory.beforeWrite(this);
                }
                List<InboxEntry> entries = inbox.append(request.message(), request.owners());
                SendReceipt receipt = new SendReceipt(request.message().id(), senderSequence(request, entries),
                        request.message().sendTime());
                if (numbered) {
                    receipts.put(key, receipt);
                    devices.raiseSendSequence(request.device(), request.sendSequence());
                }
                return new Outcome.Stored(receipt, entries);
            }
        });
    }

    private static InboxSequence senderSequence(StoreRequest request, List<InboxEntry> entries) {
        for (InboxEntry entry : entries) {
            if (entry.owner().equals(request.message().sender().userId())) {
                return entry.sequence();
            }
        }
        return entries.isEmpty() ? InboxSequence.ZERO : entries.getFirst().sequence();
    }

    @Override
    public synchronized Optional<SendReceipt> findReceipt(DeviceId device, SendSequence sendSequence) {
        return Optional.ofNullable(receipts.get(new Key(device, sendSequence)));
    }

    @Override
    public synchronized Object snapshot() {
        return new HashMap<>(receipts);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        receipts.clear();
        receipts.putAll((Map<Key, SendReceipt>) snapshot);
    }

    /** How many times {@link #store} has been called (stored, duplicate or refused). */
    public int storeCalls() {
        return storeCalls.get();
    }
}
