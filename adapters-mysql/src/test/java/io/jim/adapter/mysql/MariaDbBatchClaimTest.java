package io.jim.adapter.mysql;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** {@link BatchClaimTests} on MariaDB/MySQL at $JIM_TEST_MYSQL_URL, a fresh database per test. */
@EnabledIfEnvironmentVariable(named = TestDatabase.MYSQL_URL_ENV, matches = ".+", disabledReason = TestDatabase.MYSQL_SKIPPED)
class MariaDbBatchClaimTest extends BatchClaimTests {

    @Override
    protected TestDatabase database() {
        return TestDatabase.mysql();
    }

    @Override
    protected String lockWaitsQuery() {
        // The server is shared with other test runs: only this database's sessions count.
        return "SELECT COUNT(*) FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p"
                + " ON p.ID = t.trx_mysql_thread_id WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE()";
    }
}
