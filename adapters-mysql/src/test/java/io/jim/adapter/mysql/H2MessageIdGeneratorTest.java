package io.jim.adapter.mysql;

import io.jim.application.contract.MessageIdGeneratorContract;
import io.jim.application.port.out.MessageIdGenerator;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link MessageIdGeneratorContract} on embedded H2: generators sharing one id segment row (closed with the storage). */
class H2MessageIdGeneratorTest extends MessageIdGeneratorContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    protected MessageIdGenerator newGenerator(int blockSize) {
        return DB.storage().newMessageIdGenerator(blockSize);
    }
}
