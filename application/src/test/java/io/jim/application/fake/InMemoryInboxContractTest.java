package io.jim.application.fake;

import io.jim.application.contract.InboxContract;
import io.jim.application.port.out.DeviceRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.InboxSequenceAllocator;
import io.jim.application.port.out.MessageStore;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;

/** The {@link InboxContract} against the in-memory allocator, inbox and message store. */
class InMemoryInboxContractTest extends InboxContract {

    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final MutableClock clock = new MutableClock();
    private final InMemoryUserRepository users = new InMemoryUserRepository(clock, unitOfWork);
    private final InMemoryDeviceRepository devices = new InMemoryDeviceRepository(clock, unitOfWork);
    private final InMemoryInboxSequenceAllocator sequences = new InMemoryInboxSequenceAllocator(unitOfWork);
    private final InMemoryInboxRepository inbox = new InMemoryInboxRepository(sequences, unitOfWork);
    private final InMemoryMessageStore messageStore = new InMemoryMessageStore(unitOfWork, inbox, devices);

    @Override
    protected UnitOfWork unitOfWork() {
        return unitOfWork;
    }

    @Override
    protected UserRepository users() {
        return users;
    }

    @Override
    protected DeviceRepository devices() {
        return devices;
    }

    @Override
    protected InboxSequenceAllocator sequences() {
        return sequences;
    }

    @Override
    protected InboxRepository inbox() {
        return inbox;
    }

    @Override
    protected MessageStore messageStore() {
        return messageStore;
    }
}
