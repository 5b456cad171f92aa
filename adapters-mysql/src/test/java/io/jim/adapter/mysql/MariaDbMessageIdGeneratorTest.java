package io.jim.adapter.mysql;

import io.jim.application.contract.MessageIdGeneratorContract;
import io.jim.application.port.out.MessageIdGenerator;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link MessageIdGeneratorContract} on MariaDB/MySQL at $JIM_TEST_MYSQL_URL: generators sharing one id segment row (closed with the storage). */
@EnabledIfEnvironmentVariable(named = TestDatabase.MYSQL_URL_ENV, matches = ".+", disabledReason = TestDatabase.MYSQL_SKIPPED)
class MariaDbMessageIdGeneratorTest extends MessageIdGeneratorContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mysql();

    @Override
    protected MessageIdGenerator newGenerator(int blockSize) {
        return DB.storage().newMessageIdGenerator(blockSize);
    }
}
