package io.jim.adapter.mysql;

import io.jim.application.contract.UnitOfWorkContract;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link UnitOfWorkContract} on embedded H2 (MySQL mode), a fresh in-memory database for the class. */
class H2UnitOfWorkTest extends UnitOfWorkContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    protected UnitOfWork unitOfWork() {
        return DB.storage().unitOfWork();
    }

    @Override
    protected UserRepository users() {
        return DB.storage().users();
    }
}
