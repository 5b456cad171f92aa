package io.jim.bootstrap.e2e.client;

import static io.jim.bootstrap.e2e.client.Scenario.get;
import static io.jim.bootstrap.e2e.client.Scenario.sendOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jim.bootstrap.e2e.client.EachDatabase.Database;
import io.jim.bootstrap.e2e.client.Scenario.Live;
import io.jim.bootstrap.e2e.client.Scenario.User;
import io.jim.bootstrap.e2e.client.TcpProxy.Cut;
import io.jim.client.Frame;
import io.jim.client.InboxMessage;
import io.jim.client.OutgoingMessage;
import io.jim.client.SendAck;
import io.jim.client.SessionClosedException;
import io.jim.proto.FrameType;
import io.jim.proto.MessageSendACK;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A client killed while a send is in flight, then restarted: the new session of the same device, built from
 * what the first one had persisted (its last sequence, and the outbox entry with the send's
 * {@code send_sequence} and content), retries the send with the same sequence, and the message exists
 * exactly once, whether the crash came before the server read the send, right after the client wrote it, or
 * after the server stored it but before the ack arrived.
 */
class CrashedSenderClientTest {

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(EachDatabase.class)
    void retryShouldStoreTheSendOnceWhenTheClientDiedBeforeTheServerReadIt(Database db) throws Exception {
        crashMidSendAndRestart(db, Cut.CLIENT_FRAME_DROPPED, FrameType.MESSAGE_SEND);
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(EachDatabase.class)
    void retryShouldStoreTheSendOnceWhenTheClientDiedRightAfterWritingIt(Database db) throws Exception {
        crashMidSendAndRestart(db, Cut.CLIENT_FRAME_FORWARDED, FrameType.MESSAGE_SEND);
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(EachDatabase.class)
    void retryShouldGetTheOriginalAckWhenTheClientDiedBeforeTheAckArrived(Database db) throws Exception {
        crashMidSendAndRestart(db, Cut.SERVER_FRAME_DROPPED, FrameType.MESSAGE_SEND_ACK);
    }

    private static void crashMidSendAndRestart(Database db, Cut cut, int frameType) throws Exception {
        try (Scenario s = new Scenario(db.server())) {
            User a = s.register("a");
            User b = s.register("b");
            Scenario.Device a1Device = s.login(a, "a1");
            Live b1 = s.connect(s.login(b, "b1"));
            s.befriend(a1Device, b1.device());
            Live a1 = s.connectViaProxy(a1Device);
            s.awaitCaughtUp(a1);
            s.awaitCaughtUp(b1);

            // What the app persists before sending: its position and the outbox entry (send_sequence + content).
            long lastSequence = a1.session().lastSequence();
            long sendSequence = a1.session().nextSendSequence();
            OutgoingMessage message = OutgoingMessage.textToUser(b.userId(), "exactly once, " + cut);
            CompletableFuture<Frame> crashed = a1.proxy().cutWhen(cut, frameType, true);

            CompletableFuture<SendAck> inFlight = a1.session().send(message);
            Frame cutFrame = get(crashed);
            a1.session().close(); // the process is gone: the connection died abruptly and nothing more happens
            Throwable lost = catchThrowable(() -> inFlight.get());
            assertThat(lost).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SessionClosedException.class);
            if (cut == Cut.CLIENT_FRAME_DROPPED) {
                assertThat(s.inbox(a1Device)).noneMatch(m -> m.content().equals(message.content()));
            }

            // The restart: a new session of the same device from the persisted state retries the same send.
            Live restarted = s.start(a1Device, s.builder(a1Device, s.server().tcpPort())
                    .lastSequence(lastSequence).nextSendSequence(sendSequence), null);
            SendAck retry = sendOk(restarted.session(), message);

            assertThat(retry.sendSequence()).isEqualTo(sendSequence);
            if (cut == Cut.SERVER_FRAME_DROPPED) {
                MessageSendACK original = MessageSendACK.parseFrom(cutFrame.body());
                assertThat(original.getCode()).as("the original was stored").isZero();
                assertThat(retry).as("the retry's ack is the original's")
                        .isEqualTo(new SendAck(original.getSendSequence(), original.getCode(), original.getMessage(),
                                original.getMessageId(), original.getSyncSequence(), original.getSendTime()));
            }
            // Exactly one copy in each inbox, and the retry's ack describes it (the original's, if it was stored).
            InboxMessage aCopy = onlyCopy(s.inbox(a1Device), message);
            assertThat(aCopy.messageId()).isEqualTo(retry.messageId());
            assertThat(aCopy.syncSequence()).isEqualTo(retry.syncSequence()).isEqualTo(lastSequence + 1);
            assertThat(aCopy.sendTime()).isEqualTo(retry.sendTime());
            InboxMessage bCopy = onlyCopy(s.inbox(b1.device()), message);
            assertThat(bCopy.messageId()).isEqualTo(retry.messageId());
            // Both listeners were handed it once.
            for (Live live : List.of(restarted, b1)) {
                s.awaitCaughtUp(live);
                assertThat(live.recorder().messages()).filteredOn(m -> m.content().equals(message.content()))
                        .as(live.device().name()).extracting(InboxMessage::messageId).containsExactly(retry.messageId());
            }
            restarted.recorder().assertContiguousAfter(lastSequence);
            b1.recorder().assertContiguousAfter(0);
            // And the restarted device carries on with the next number.
            SendAck next = sendOk(restarted.session(), OutgoingMessage.textToUser(b.userId(), "next"));
            assertThat(next.sendSequence()).isEqualTo(sendSequence + 1);
            assertThat(next.messageId()).isNotEqualTo(retry.messageId());
        }
    }

    private static InboxMessage onlyCopy(List<InboxMessage> inbox, OutgoingMessage message) {
        List<InboxMessage> copies = inbox.stream().filter(m -> m.content().equals(message.content())).toList();
        assertThat(copies).hasSize(1);
        return copies.getFirst();
    }
}
