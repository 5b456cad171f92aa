package io.jim.bootstrap.e2e.client;

import static io.jim.bootstrap.e2e.client.Scenario.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.bootstrap.e2e.client.EachDatabase.Database;
import io.jim.bootstrap.e2e.client.Scenario.Live;
import io.jim.bootstrap.e2e.client.Scenario.User;
import io.jim.client.InboxMessage;
import io.jim.client.OutgoingMessage;
import io.jim.client.SendAck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * While a sender sends a burst, the receiver's connection is killed twice (the client sees a reset, the
 * server a close) and the receiver's session reconnects and syncs by itself: in the end its listener was handed
 * every message exactly once, in sequence order, with contiguous sequences.
 */
class ReconnectDuringBurstClientTest {

    private static final int BURST = 300;
    /** Sends in flight at once: keeps the sender going for the whole time the receiver is being disturbed. */
    private static final int WINDOW = 16;
    private static final int[] KILL_AFTER = {100, 200};

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(EachDatabase.class)
    void receiverShouldGetEveryMessageOnceInOrderAcrossConnectionsKilledMidBurst(Database db) throws Exception {
        try (Scenario s = new Scenario(db.server())) {
            User a = s.register("a");
            User b = s.register("b");
            Scenario.Device a1Device = s.login(a, "a1");
            Scenario.Device b1Device = s.login(b, "b1");
            s.befriend(a1Device, b1Device);
            Live a1 = s.connect(a1Device);
            Live b1 = s.connectViaProxy(b1Device);
            long start = s.awaitCaughtUp(b1);
            s.awaitCaughtUp(a1);

            // Kills the receiver's connection when its listener has been handed the 100th and the 200th message.
            List<Integer> killed = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
                for (int n : KILL_AFTER) {
                    b1.recorder().awaitSequence(start + n);
                    killed.add(b1.proxy().killConnections());
                }
            }, task -> Thread.ofVirtual().name("killer").start(task));

            Semaphore window = new Semaphore(WINDOW);
            List<CompletableFuture<SendAck>> sends = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                assertThat(window.tryAcquire(Scenario.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("send window").isTrue();
                CompletableFuture<SendAck> send = a1.session().send(OutgoingMessage.textToUser(b.userId(), "burst " + i));
                send.whenComplete((ack, failure) -> window.release());
                sends.add(send);
            }
            List<SendAck> acks = sends.stream().map(Scenario::get).toList();
            assertThat(acks).allMatch(SendAck::ok);
            get(killer);

            long newest = s.newestSequence(b1Device);
            assertThat(newest).isEqualTo(start + BURST);
            b1.recorder().awaitSequence(newest);
            b1.recorder().assertContiguousAfter(0);
            List<InboxMessage> burst = b1.recorder().messagesAfter(start);
            assertThat(burst).extracting(InboxMessage::content)
                    .containsExactlyElementsOf(IntStream.range(0, BURST).mapToObj(i -> "burst " + i).toList());
            assertThat(burst).extracting(InboxMessage::messageId)
                    .containsExactlyElementsOf(acks.stream().map(SendAck::messageId).toList());
            assertThat(killed).as("each kill found a live connection").containsExactly(1, 1);
            assertThat(b1.recorder().signIns()).as("signed in again after each kill").isGreaterThanOrEqualTo(1 + KILL_AFTER.length);
            assertThat(b1.recorder().kicks()).as("kicks").isEmpty();
            a1.recorder().assertContiguousAfter(0);
        }
    }
}
