package io.jim.application.fake;

import io.jim.application.contract.UserRepositoryContract;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;

/** The {@link UserRepositoryContract} against the in-memory fake. */
class InMemoryUserRepositoryContractTest extends UserRepositoryContract {

    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryUserRepository users = new InMemoryUserRepository(new MutableClock(), unitOfWork);

    @Override
    protected UnitOfWork unitOfWork() {
        return unitOfWork;
    }

    @Override
    protected UserRepository users() {
        return users;
    }
}
