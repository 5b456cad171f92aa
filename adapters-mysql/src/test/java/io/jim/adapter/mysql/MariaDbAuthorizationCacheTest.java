package io.jim.adapter.mysql;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The {@link AuthorizationCacheContract} on MariaDB/MySQL at $JIM_TEST_MYSQL_URL, in a fresh database for the class. */
@EnabledIfEnvironmentVariable(named = TestDatabase.MYSQL_URL_ENV, matches = ".+", disabledReason = TestDatabase.MYSQL_SKIPPED)
class MariaDbAuthorizationCacheTest extends AuthorizationCacheContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.mysql();
    }
}
