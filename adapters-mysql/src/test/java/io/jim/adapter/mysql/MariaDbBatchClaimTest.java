package io.jim.adapter.mysql;

import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** {@link BatchClaimTests} on MariaDB/MySQL at $JIM_TEST_MYSQL_URL, a fresh database per test. */
@EnabledIfEnvironmentVariable(named = TestDatabase.MYSQL_URL_ENV, matches = ".+", disabledReason = TestDatabase.MYSQL_SKIPPED)
class MariaDbBatchClaimTest extends BatchClaimTests {

    @Override
    protected TestDatabase database() {
        return TestDatabase.mysql();
    }

    /**
     * Looks for a waiting record lock on this database's devices table in SHOW ENGINE INNODB STATUS, which
     * lists the transactions as they are when it runs. Not information_schema.INNODB_TRX (nor INNODB_LOCKS,
     * INNODB_LOCK_WAITS): InnoDB serves those from a server-wide snapshot that it refreshes only once nobody
     * has read it for 0.1 s, so a poll that reads it more often than that (this one, or another session's on
     * the shared server) keeps seeing the snapshot taken at its first read, from before the wait began.
     */
    @Override
    protected boolean someSessionWaitsForADeviceRowLock(DSLContext ctx, String database) {
        String status = ctx.fetchOne("SHOW ENGINE INNODB STATUS").get("Status", String.class);
        return Pattern.compile("TRX HAS BEEN WAITING .* FOR THIS LOCK TO BE GRANTED:\\R"
                        + "RECORD LOCKS .* of table `" + Pattern.quote(database) + "`\\.`devices` .*waiting")
                .matcher(status).find();
    }
}
