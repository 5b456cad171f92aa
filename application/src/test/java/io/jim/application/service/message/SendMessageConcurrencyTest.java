package io.jim.application.service.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.InMemoryJim.Session;
import io.jim.application.port.in.message.SendResult;
import io.jim.domain.group.Group;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.MessageId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Concurrent senders: every inbox stays 1, 2, 3 … and every retransmission race stores one copy. */
class SendMessageConcurrencyTest {

    private static final int SENDS_PER_DEVICE = 50;

    private final InMemoryJim jim = new InMemoryJim();

    @Test
    void concurrentGroupSendsShouldLeaveEveryInboxContiguousWithEachMessageOnce() throws Exception {
        List<Session> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            members.add(jim.signUp("user" + i));
        }
        Group group = jim.createGroup(members.getFirst(), "crowd", members.subList(1, members.size()).toArray(Session[]::new));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<SendResult>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(members.size())) {
            for (Session member : members) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<SendResult> results = new ArrayList<>();
                    for (long seq = 1; seq <= SENDS_PER_DEVICE; seq++) {
                        results.add(jim.sendGroupText(member, group, seq, "m" + seq));
                        // a retransmission racing with the other senders
                        results.add(jim.sendGroupText(member, group, seq, "m" + seq));
                    }
                    return results;
                }));
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        List<MessageId> accepted = new ArrayList<>();
        for (Future<List<SendResult>> future : futures) {
            List<SendResult> results = future.get();
            for (int i = 0; i < results.size(); i += 2) {
                assertThat(results.get(i).retransmission()).isFalse();
                assertThat(results.get(i + 1).retransmission()).isTrue();
                assertThat(results.get(i + 1).receipt()).isEqualTo(results.get(i).receipt());
                accepted.add(results.get(i).receipt().messageId());
            }
        }
        assertThat(accepted).doesNotHaveDuplicates().hasSize(members.size() * SENDS_PER_DEVICE);
        for (Session member : members) {
            List<InboxEntry> inbox = jim.inbox().inboxOf(member.userId());
            assertThat(inbox).extracting(e -> e.sequence().value())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, inbox.size()).boxed().toList());
            assertThat(inbox.stream().map(e -> e.message().id()).collect(Collectors.toSet()))
                    .containsAll(accepted).hasSize(inbox.size());
        }
    }
}
