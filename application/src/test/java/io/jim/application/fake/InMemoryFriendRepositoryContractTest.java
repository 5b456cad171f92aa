package io.jim.application.fake;

import io.jim.application.contract.FriendRepositoryContract;
import io.jim.application.port.out.FriendRepository;
import io.jim.application.port.out.UserRepository;

/** The {@link FriendRepositoryContract} against the in-memory fake. */
class InMemoryFriendRepositoryContractTest extends FriendRepositoryContract {

    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryUserRepository users = new InMemoryUserRepository(new MutableClock(), unitOfWork);
    private final InMemoryFriendRepository friends = new InMemoryFriendRepository(unitOfWork);

    @Override
    protected UserRepository users() {
        return users;
    }

    @Override
    protected FriendRepository friends() {
        return friends;
    }
}
