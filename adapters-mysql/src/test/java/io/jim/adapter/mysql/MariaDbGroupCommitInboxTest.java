package io.jim.adapter.mysql;

import io.jim.application.contract.InboxContract;
import io.jim.application.port.out.DeviceRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.InboxSequenceAllocator;
import io.jim.application.port.out.MessageStore;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link InboxContract} with group commit (up to 16 sends per transaction) on MariaDB/MySQL at $JIM_TEST_MYSQL_URL, in a fresh database for the class. */
@EnabledIfEnvironmentVariable(named = TestDatabase.MYSQL_URL_ENV, matches = ".+", disabledReason = TestDatabase.MYSQL_SKIPPED)
class MariaDbGroupCommitInboxTest extends InboxContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mysql(config -> config.withGroupCommit(16));

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
