package io.jim.adapter.mysql;

import io.jim.application.contract.FriendRepositoryContract;
import io.jim.application.port.out.FriendRepository;
import io.jim.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link FriendRepositoryContract} on embedded H2 (MySQL mode), a fresh in-memory database for the class. */
class H2FriendRepositoryTest extends FriendRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    protected UserRepository users() {
        return DB.storage().users();
    }

    @Override
    protected FriendRepository friends() {
        return DB.storage().friends();
    }
}
