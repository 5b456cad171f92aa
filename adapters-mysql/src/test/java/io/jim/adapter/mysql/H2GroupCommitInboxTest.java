package io.jim.adapter.mysql;

import io.jim.application.contract.InboxContract;
import io.jim.application.port.out.DeviceRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.InboxSequenceAllocator;
import io.jim.application.port.out.MessageStore;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link InboxContract} with group commit (up to 16 sends per transaction) on embedded H2 (MySQL mode), a fresh in-memory database for the class. */
class H2GroupCommitInboxTest extends InboxContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2(config -> config.withGroupCommit(16));

    @Override
    protected UnitOfWork unitOfWork() {
        return DB.storage().unitOfWork();
    }

    @Override
    protected UserRepository users() {
        return DB.storage().users();
    }

    @Override
    protected DeviceRepository devices() {
        return DB.storage().devices();
    }

    @Override
    protected InboxSequenceAllocator sequences() {
        return DB.storage().inboxSequences();
    }

    @Override
    protected InboxRepository inbox() {
        return DB.storage().inbox();
    }

    @Override
    protected MessageStore messageStore() {
        return DB.storage().messageStore();
    }
}
