package io.jim.adapter.mysql;

import io.jim.application.contract.UnitOfWorkContract;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link UnitOfWorkContract} on MariaDB/MySQL at $JIM_TEST_MYSQL_URL, in a fresh database for the class. */
@EnabledIfEnvironmentVariable(named = TestDatabase.MYSQL_URL_ENV, matches = ".+", disabledReason = TestDatabase.MYSQL_SKIPPED)
class MariaDbUnitOfWorkTest extends UnitOfWorkContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mysql();

    @Override
    protected UnitOfWork unitOfWork() {
        return DB.storage().unitOfWork();
    }

    @Override
    protected UserRepository users() {
        return DB.storage().users();
    }
}
