package io.jim.adapter.mysql;

import io.jim.application.contract.GroupRepositoryContract;
import io.jim.application.port.out.GroupRepository;
import io.jim.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link GroupRepositoryContract} on embedded H2 (MySQL mode), a fresh in-memory database for the class. */
class H2GroupRepositoryTest extends GroupRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    protected UserRepository users() {
        return DB.storage().users();
    }

    @Override
    protected GroupRepository groups() {
        return DB.storage().groups();
    }
}
