package io.jim.adapter.mysql;

import io.jim.application.contract.GroupRepositoryContract;
import io.jim.application.port.out.GroupRepository;
import io.jim.application.port.out.UserRepository;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link GroupRepositoryContract} on MariaDB/MySQL at $JIM_TEST_MYSQL_URL, in a fresh database for the class. */
@EnabledIfEnvironmentVariable(named = TestDatabase.MYSQL_URL_ENV, matches = ".+", disabledReason = TestDatabase.MYSQL_SKIPPED)
class MariaDbGroupRepositoryTest extends GroupRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mysql();

    @Override
    protected UserRepository users() {
        return DB.storage().users();
    }

    @Override
    protected GroupRepository groups() {
        return DB.storage().groups();
    }
}
