package io.jim.adapter.mysql;

import io.jim.application.contract.DeviceRepositoryContract;
import io.jim.application.port.out.DeviceRepository;
import io.jim.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link DeviceRepositoryContract} on embedded H2 (MySQL mode), a fresh in-memory database for the class. */
class H2DeviceRepositoryTest extends DeviceRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    protected UserRepository users() {
        return DB.storage().users();
    }

    @Override
    protected DeviceRepository devices() {
        return DB.storage().devices();
    }
}
