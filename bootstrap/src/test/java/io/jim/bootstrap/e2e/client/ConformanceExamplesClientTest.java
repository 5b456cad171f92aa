package io.jim.bootstrap.e2e.client;

import static io.jim.bootstrap.e2e.client.Scenario.sendOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.bootstrap.e2e.client.EachDatabase.Database;
import io.jim.bootstrap.e2e.client.Scenario.Device;
import io.jim.bootstrap.e2e.client.Scenario.Live;
import io.jim.bootstrap.e2e.client.Scenario.User;
import io.jim.bootstrap.e2e.client.TcpProxy.ServerFrame;
import io.jim.client.Group;
import io.jim.client.InboxMessage;
import io.jim.client.OutgoingMessage;
import io.jim.client.ReceiverType;
import io.jim.client.SendAck;
import io.jim.proto.FrameType;
import io.jim.proto.Message;
import io.jim.proto.MessageItem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The conformance examples of PROTOCOL.md section 5, played by the client library ({@code JimSession}
 * listeners and futures) against the real server. Every session goes through a {@link TcpProxy}, so that
 * besides what the listeners were handed the tests also check what the server put on each device's wire
 * (a push or a sync batch, and what was never sent).
 */
class ConformanceExamplesClientTest {

    /** Users A and B, friends, each with two online devices whose listeners have caught up. */
    private record Pair(User a, User b, Live a1, Live a2, Live b1, Live b2) {
        List<Live> all() {
            return List.of(a1, a2, b1, b2);
        }
    }

    private static Pair pair(Scenario s) {
        User a = s.register("a");
        User b = s.register("b");
        Device a1 = s.login(a, "a1");
        Device a2 = s.login(a, "a2");
        Device b1 = s.login(b, "b1");
        Device b2 = s.login(b, "b2");
        s.befriend(a1, b1);
        Pair pair = new Pair(a, b, s.connectViaProxy(a1), s.connectViaProxy(a2), s.connectViaProxy(b1), s.connectViaProxy(b2));
        for (Live live : pair.all()) {
            assertThat(s.awaitCaughtUp(live)).as("friend request and acceptance events").isEqualTo(2);
        }
        return pair;
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(EachDatabase.class)
    void sendShouldBeAckedToTheSenderAndPushedToEveryOtherDeviceOfBothUsers(Database db) throws Exception {
        try (Scenario s = new Scenario(db.server())) {
            Pair p = pair(s);
            long aBefore = p.a1.recorder().lastSequence();
            long bBefore = p.b1.recorder().lastSequence();

            SendAck ack = sendOk(p.a1.session(), OutgoingMessage.textToUser(p.b.userId(), "hello B"));

            assertThat(ack.sendSequence()).isEqualTo(1);
            assertThat(ack.code()).isZero();
            assertThat(ack.messageId()).isPositive();
            assertThat(ack.syncSequence()).as("A's next sequence").isEqualTo(aBefore + 1);
            long m = ack.messageId();
            // a2 gets A's copy, b1 and b2 get B's copy, all by push, all with message_id M.
            for (Live live : List.of(p.a2, p.b1, p.b2)) {
                long expected = (live == p.a2 ? aBefore : bBefore) + 1;
                live.recorder().awaitSequence(expected);
                InboxMessage copy = only(live.recorder().messagesAfter(expected - 1));
                assertThat(copy.messageId()).as(live.device().name()).isEqualTo(m);
                assertThat(copy.syncSequence()).isEqualTo(expected);
                assertThat(copy.senderId()).isEqualTo(p.a.userId());
                assertThat(copy.senderDeviceId()).isEqualTo(p.a1.device().deviceId());
                assertThat(copy.receiverType()).isEqualTo(ReceiverType.USER);
                assertThat(copy.receiverId()).isEqualTo(p.b.userId());
                assertThat(copy.content()).isEqualTo("hello B");
                assertThat(pushedItems(live, m)).as(live.device().name() + " got M by push").hasSize(1);
            }
            // a1 learns its copy from the ack (the session hands it to the listener in its place) ...
            InboxMessage own = only(p.a1.recorder().messagesAfter(aBefore));
            assertThat(own.messageId()).isEqualTo(m);
            assertThat(own.syncSequence()).isEqualTo(ack.syncSequence());
            // ... and gets no push: B's reply is pushed to a1 after M would have been (pushes to a device come in
            // sequence order), and M is nowhere on a1's wire.
            SendAck reply = sendOk(p.b1.session(), OutgoingMessage.textToUser(p.a.userId(), "reply"));
            InboxMessage replyCopy = p.a1.recorder().awaitMessage("B's reply", x -> x.messageId() == reply.messageId());
            assertThat(replyCopy.syncSequence()).isEqualTo(aBefore + 2);
            assertThat(pushedItems(p.a1, reply.messageId())).as("the reply reached a1 by push").hasSize(1);
            assertThat(itemsOnWire(p.a1, m)).as("M on a1's wire").isEmpty();
            for (Live live : p.all()) {
                live.recorder().assertContiguousAfter(0);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(EachDatabase.class)
    void resendingTheSameSendShouldGetTheOriginalAckAndStoreAndPushNothing(Database db) throws Exception {
        try (Scenario s = new Scenario(db.server())) {
            Pair p = pair(s);
            OutgoingMessage hello = OutgoingMessage.textToUser(p.b.userId(), "hello again");
            long lastBeforeSend = p.a1.session().lastSequence();
            SendAck original = sendOk(p.a1.session(), hello);
            long m = original.messageId();
            for (Live live : List.of(p.a2, p.b1, p.b2)) {
                live.recorder().awaitMessage("M", x -> x.messageId() == m);
            }

            // The same frame again: a new session of a1 with the same send_sequence and content (the library
            // never resends an acknowledged send by itself).
            long last = p.a1.session().lastSequence();
            p.a1.session().close();
            Live again = s.start(p.a1.device(), s.builder(p.a1.device(), p.a1.proxy().port())
                    .lastSequence(last).nextSendSequence(original.sendSequence()), p.a1.proxy());
            SendAck resent = sendOk(again.session(), hello);

            assertThat(resent).as("the original ack, same message_id, sequence and time").isEqualTo(original);
            // Nobody gets another push: the next message reaches every device right after M.
            SendAck after = sendOk(p.b1.session(), OutgoingMessage.textToUser(p.a.userId(), "after the resend"));
            for (Live live : List.of(again, p.a2, p.b2)) {
                live.recorder().awaitMessage("the message after the resend", x -> x.messageId() == after.messageId());
            }
            for (Live live : List.of(p.a2, p.b1, p.b2)) {
                assertThat(itemsOnWire(live, m)).as(live.device().name() + ": copies of M on the wire").hasSize(1);
                live.recorder().assertContiguousAfter(0);
                assertThat(live.recorder().messages()).filteredOn(x -> x.messageId() == m).hasSize(1);
            }
            assertThat(itemsOnWire(p.a1, m)).as("a1 (both sessions): copies of M on the wire").isEmpty();
            assertThat(p.a1.recorder().messagesAfter(lastBeforeSend)).extracting(InboxMessage::messageId).containsExactly(m);
            assertThat(again.recorder().messages()).extracting(InboxMessage::messageId).containsExactly(after.messageId());
            // The inboxes hold one copy each.
            assertThat(s.inbox(p.a1.device())).filteredOn(x -> x.messageId() == m).hasSize(1);
            assertThat(s.inbox(p.b1.device())).filteredOn(x -> x.messageId() == m).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(EachDatabase.class)
    void deviceThatWasOfflineShouldSyncExactlyTheMessagesItMissedInOrder(Database db) throws Exception {
        try (Scenario s = new Scenario(db.server())) {
            Pair p = pair(s);
            Live b2 = p.b2;
            long last = b2.session().lastSequence();
            int lostConnection = b2.proxy().connectionsAccepted();

            // b2 disconnects (and cannot come back yet) ...
            b2.proxy().refuseConnections();
            assertThat(b2.proxy().killConnections()).isEqualTo(1);
            // ... A sends 5 messages ...
            List<SendAck> acks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                acks.add(sendOk(p.a1.session(), OutgoingMessage.textToUser(p.b.userId(), "missed " + i)));
            }
            // ... b2 reconnects, signs in and syncs from its last sequence by itself.
            b2.proxy().acceptConnections();
            b2.recorder().awaitSequence(last + 5);

            List<InboxMessage> got = b2.recorder().messagesAfter(last);
            assertThat(got).extracting(InboxMessage::syncSequence).containsExactly(last + 1, last + 2, last + 3, last + 4, last + 5);
            assertThat(got).extracting(InboxMessage::messageId).containsExactlyElementsOf(acks.stream().map(SendAck::messageId).toList());
            assertThat(got).extracting(InboxMessage::content).containsExactly("missed 0", "missed 1", "missed 2", "missed 3", "missed 4");
            b2.recorder().assertContiguousAfter(0);
            // On the wire: the first message frame of the new connection is the sync answer with exactly those 5.
            Message batch = b2.proxy().serverFrames().stream()
                    .filter(f -> f.connection() > lostConnection && f.frame().type() == FrameType.MESSAGE)
                    .findFirst().orElseThrow().message();
            assertThat(batch.getType()).as("a sync batch").isEqualTo(1);
            assertThat(batch.getMessagesList()).extracting(MessageItem::getSyncSequence)
                    .containsExactly(last + 1, last + 2, last + 3, last + 4, last + 5);
            assertThat(batch.getHasMore()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(EachDatabase.class)
    void groupSendShouldStoreOneCopyPerMemberAtItsNextSequenceAndPushToEveryOtherDevice(Database db) throws Exception {
        try (Scenario s = new Scenario(db.server())) {
            Pair p = pair(s);
            User c = s.register("c");
            Live c1 = s.connectViaProxy(s.login(c, "c1"));
            Group group = p.a1.device().api().createGroup("tea", List.of(p.b.userId(), c.userId()));
            List<Live> receivers = List.of(p.a2, p.b1, p.b2, c1);
            Map<Live, Long> before = new HashMap<>();
            for (Live live : List.of(p.a1, p.a2, p.b1, p.b2, c1)) {
                before.put(live, s.awaitCaughtUp(live));
            }

            SendAck ack = sendOk(p.a1.session(), OutgoingMessage.textToGroup(group.groupId(), "hello group"));

            long m = ack.messageId();
            assertThat(ack.syncSequence()).as("A's next sequence").isEqualTo(before.get(p.a1) + 1);
            for (Live live : receivers) {
                long expected = before.get(live) + 1;
                live.recorder().awaitSequence(expected);
                InboxMessage copy = only(live.recorder().messagesAfter(expected - 1));
                assertThat(copy.messageId()).as(live.device().name()).isEqualTo(m);
                assertThat(copy.receiverType()).isEqualTo(ReceiverType.GROUP);
                assertThat(copy.receiverId()).isEqualTo(group.groupId());
                assertThat(copy.senderId()).isEqualTo(p.a.userId());
                assertThat(copy.content()).isEqualTo("hello group");
                assertThat(pushedItems(live, m)).as(live.device().name() + " got M by push").hasSize(1);
                live.recorder().assertContiguousAfter(0);
            }
            // One copy in each of the three inboxes, at that owner's next sequence.
            for (Live live : List.of(p.a1, p.b1, c1)) {
                List<InboxMessage> copies = s.inbox(live.device()).stream().filter(x -> x.messageId() == m).toList();
                assertThat(copies).as(live.device().user().name() + "'s inbox").hasSize(1);
                assertThat(copies.getFirst().syncSequence()).isEqualTo(before.get(live) + 1);
            }
        }
    }

    private static InboxMessage only(List<InboxMessage> messages) {
        assertThat(messages).hasSize(1);
        return messages.getFirst();
    }

    /** The items with {@code messageId} that the server pushed (Message type 2) to the device. */
    private static List<MessageItem> pushedItems(Live live, long messageId) {
        List<MessageItem> items = new ArrayList<>();
        for (ServerFrame f : live.proxy().serverFrames()) {
            if (f.isPush()) {
                f.items().stream().filter(i -> i.getMessageId() == messageId).forEach(items::add);
            }
        }
        return items;
    }

    /** The items with {@code messageId} in any Message frame (push or sync) the server wrote to the device. */
    private static List<MessageItem> itemsOnWire(Live live, long messageId) {
        return live.proxy().deliveredItems().stream().filter(i -> i.getMessageId() == messageId).toList();
    }
}
