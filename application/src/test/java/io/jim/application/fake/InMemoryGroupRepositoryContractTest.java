package io.jim.application.fake;

import io.jim.application.contract.GroupRepositoryContract;
import io.jim.application.port.out.GroupRepository;
import io.jim.application.port.out.UserRepository;

/** The {@link GroupRepositoryContract} against the in-memory fake. */
class InMemoryGroupRepositoryContractTest extends GroupRepositoryContract {

    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryUserRepository users = new InMemoryUserRepository(new MutableClock(), unitOfWork);
    private final InMemoryGroupRepository groups = new InMemoryGroupRepository(unitOfWork);

    @Override
    protected UserRepository users() {
        return users;
    }

    @Override
    protected GroupRepository groups() {
        return groups;
    }
}
