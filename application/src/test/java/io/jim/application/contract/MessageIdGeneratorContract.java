package io.jim.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.out.MessageIdGenerator;
import io.jim.domain.message.MessageId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@link MessageIdGenerator} contract: unique across generators sharing a store, increasing within one. */
public abstract class MessageIdGeneratorContract {

    /**
     * A new generator over the same shared store as every other generator this test instance creates
     * (standing for another process on the same database), reserving {@code blockSize} ids at a time
     * where the implementation works in blocks. The subclass closes what it creates.
     */
    protected abstract MessageIdGenerator newGenerator(int blockSize);

    @Test
    void idsShouldStrictlyIncreaseWithinOneGenerator() {
        MessageIdGenerator generator = newGenerator(7);

        long previous = 0;
        for (int i = 0; i < 100; i++) {
            long id = generator.next().value();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
    }

    @Test
    void idsShouldBePositive() {
        assertThat(newGenerator(1000).next().value()).isPositive();
    }

    @Test
    void twoGeneratorsOnOneStoreShouldNeverHandOutTheSameIdEvenUnderConcurrency() {
        int threadsPerGenerator = 4;
        int idsPerThread = 5000;
        // A small block makes the generators go back to the store often and interleave their blocks.
        List<MessageIdGenerator> generators = List.of(newGenerator(50), newGenerator(50));

        List<List<Long>> perThread = ContractSupport.concurrently(generators.size() * threadsPerGenerator, t -> {
            MessageIdGenerator generator = generators.get(t % generators.size());
            List<Long> ids = new ArrayList<>(idsPerThread);
            for (int i = 0; i < idsPerThread; i++) {
                ids.add(generator.next().value());
            }
            return ids;
        });

        Set<Long> all = new HashSet<>();
        for (List<Long> ids : perThread) {
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            all.addAll(ids);
        }
        assertThat(all).hasSize(generators.size() * threadsPerGenerator * idsPerThread);
    }

    @Test
    void aLaterGeneratorShouldNotRepeatIdsOfAnEarlierOne() {
        MessageIdGenerator first = newGenerator(10);
        Set<MessageId> seen = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            seen.add(first.next());
        }
        MessageIdGenerator second = newGenerator(10);

        for (int i = 0; i < 25; i++) {
            assertThat(seen.add(second.next())).isTrue();
            assertThat(seen.add(first.next())).isTrue();
        }
    }
}
