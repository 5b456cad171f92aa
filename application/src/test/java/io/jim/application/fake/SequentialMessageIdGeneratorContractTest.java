package io.jim.application.fake;

import io.jim.application.contract.MessageIdGeneratorContract;
import io.jim.application.port.out.MessageIdGenerator;
import java.util.concurrent.atomic.AtomicLong;

/** The {@link MessageIdGeneratorContract} against generators sharing one counter (the "database"). */
class SequentialMessageIdGeneratorContractTest extends MessageIdGeneratorContract {

    private final AtomicLong store = new AtomicLong(1);

    @Override
    protected MessageIdGenerator newGenerator(int blockSize) {
        return new SequentialMessageIdGenerator(store);
    }
}
