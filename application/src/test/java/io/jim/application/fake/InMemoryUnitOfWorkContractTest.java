package io.jim.application.fake;

import io.jim.application.contract.UnitOfWorkContract;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;

/** The {@link UnitOfWorkContract} against the in-memory unit of work and its participating fakes. */
class InMemoryUnitOfWorkContractTest extends UnitOfWorkContract {

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
