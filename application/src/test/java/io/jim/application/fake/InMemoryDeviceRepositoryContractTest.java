package io.jim.application.fake;

import io.jim.application.contract.DeviceRepositoryContract;
import io.jim.application.port.out.DeviceRepository;
import io.jim.application.port.out.UserRepository;

/** The {@link DeviceRepositoryContract} against the in-memory fake. */
class InMemoryDeviceRepositoryContractTest extends DeviceRepositoryContract {

    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final MutableClock clock = new MutableClock();
    private final InMemoryUserRepository users = new InMemoryUserRepository(clock, unitOfWork);
    private final InMemoryDeviceRepository devices = new InMemoryDeviceRepository(clock, unitOfWork);

    @Override
    protected UserRepository users() {
        return users;
    }

    @Override
    protected DeviceRepository devices() {
        return devices;
    }
}
