package io.jim.bootstrap.e2e.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.bootstrap.e2e.TestDatabase;
import io.jim.proto.Message;
import io.jim.proto.MessageItem;
import io.jim.proto.MessageSend;
import io.jim.proto.MessageSendACK;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The four conformance examples of PROTOCOL.md section 5, through real sockets against the real server. */
@ParameterizedClass(name = "[{0}]")
@EnumSource(TestDatabase.Kind.class)
class ConformanceExamplesTcpTest {

    private static Jim jim;

    /** The database of this run (the class runs once per kind, with its own server). */
    @Parameter
    TestDatabase.Kind database;

    @BeforeParameterizedClassInvocation
    static void startServer(TestDatabase.Kind kind) {
        jim = Jim.start(kind);
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        if (jim != null) {
            jim.close();
            jim = null;
        }
    }

    @AfterEach
    void closeConnections() {
        jim.closeClients();
    }

    /** Example 1. */
    @Test
    void oneToOneSendShouldAckTheSenderAndPushEachOwnersCopyToEveryOtherDeviceButTheSender() {
        Jim.Session a1s = jim.register("alice");
        Jim.Session a2s = jim.newDevice(a1s);
        Jim.Session b1s = jim.register("bob");
        Jim.Session b2s = jim.newDevice(b1s);
        jim.befriend(a1s, b1s);
        Device a1 = jim.online(a1s);
        Device a2 = jim.online(a2s);
        Device b1 = jim.online(b1s);
        Device b2 = jim.online(b2s);

        MessageSend hello = Wire.toUser(b1s.userId(), 1, "hello bob");
        MessageSendACK ack = a1.send(hello);

        assertThat(ack.getCode()).isZero();
        assertThat(ack.getSendSequence()).isEqualTo(1);
        assertThat(ack.getMessageId()).isPositive();
        assertThat(ack.getSyncSequence()).as("A's next sequence").isEqualTo(a1.maxSequence() + 1);
        MessageItem atA2 = a2.push();
        assertThat(atA2.getMessageId()).isEqualTo(ack.getMessageId());
        assertThat(atA2.getSyncSequence()).as("a2 gets A's copy").isEqualTo(ack.getSyncSequence());
        assertThat(atA2.getSendTime()).isEqualTo(ack.getSendTime());
        assertSentByA1(atA2, a1s, b1s);
        for (Device b : List.of(b1, b2)) {
            MessageItem copy = b.push();
            assertThat(copy.getMessageId()).isEqualTo(ack.getMessageId());
            assertThat(copy.getSyncSequence()).as("B's copy at B's next sequence").isEqualTo(b1.maxSequence() + 1);
            assertThat(copy.getSendTime()).isEqualTo(ack.getSendTime());
            assertSentByA1(copy, a1s, b1s);
        }
        a1.assertNothingPending();
        for (Device d : List.of(a2, b1, b2)) {
            d.assertNothingPending();
        }
    }

    private static void assertSentByA1(MessageItem copy, Jim.Session a1s, Jim.Session b1s) {
        assertThat(copy.getSenderType()).isEqualTo(Wire.SENDER_USER);
        assertThat(copy.getSenderId()).isEqualTo(a1s.userId());
        assertThat(copy.getSenderDeviceId()).isEqualTo(a1s.deviceId());
        assertThat(copy.getReceiverType()).isEqualTo(Wire.RECEIVER_USER);
        assertThat(copy.getReceiverId()).as("receiver_id keeps the original receiver in every copy").isEqualTo(b1s.userId());
        assertThat(copy.getType()).isEqualTo(Wire.TEXT);
        assertThat(copy.getContent()).isEqualTo("hello bob");
    }

    /** Example 2. */
    @Test
    void resentFrameShouldGetTheSameAckAgainAndNeitherStoreNorPushASecondCopy() {
        Jim.Session a1s = jim.register("alice");
        Jim.Session a2s = jim.newDevice(a1s);
        Jim.Session b1s = jim.register("bob");
        Jim.Session b2s = jim.newDevice(b1s);
        jim.befriend(a1s, b1s);
        Device a1 = jim.online(a1s);
        Device a2 = jim.online(a2s);
        Device b1 = jim.online(b1s);
        Device b2 = jim.online(b2s);
        MessageSend hello = Wire.toUser(b1s.userId(), 1, "hello once");
        MessageSendACK first = a1.sendOk(hello);
        for (Device d : List.of(a2, b1, b2)) {
            assertThat(d.push().getMessageId()).isEqualTo(first.getMessageId());
        }

        MessageSendACK again = a1.send(hello);

        assertThat(again).as("the original ack: same message_id, sync_sequence and send_time").isEqualTo(first);
        a1.assertNothingPending();
        for (Device d : List.of(a2, b1, b2)) {
            d.assertNothingPending();
        }
        for (Jim.Session owner : List.of(a1s, b1s)) {
            List<JsonNode> inbox = jim.inbox(owner, 0);
            assertThat(inbox).filteredOn(m -> m.get("type").asInt() == Wire.TEXT).as("one copy in each inbox")
                    .singleElement().satisfies(m -> assertThat(m.get("message_id").asLong()).isEqualTo(first.getMessageId()));
        }
        assertThat(jim.inbox(a1s, 0).getLast().get("sync_sequence").asLong()).isEqualTo(first.getSyncSequence());
    }

    /** Example 3. */
    @Test
    void reconnectingDeviceShouldSyncExactlyTheFiveCopiesItMissedInOrderAndContiguous() {
        Jim.Session a1s = jim.register("alice");
        Jim.Session b1s = jim.register("bob");
        Jim.Session b2s = jim.newDevice(b1s);
        jim.befriend(a1s, b1s);
        Device a1 = jim.online(a1s);
        Device b1 = jim.online(b1s);
        Device b2 = jim.online(b2s);
        a1.sendOk(Wire.toUser(b1s.userId(), 1, "before"));
        b1.push();
        long last = b2.push().getSyncSequence();
        b2.disconnect();

        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(a1.sendOk(Wire.toUser(b1s.userId(), 1 + i, "missed " + i)).getMessageId());
            assertThat(b1.push().getMessageId()).as("the device still online gets it live").isEqualTo(ids.getLast());
        }
        Device again = jim.online(b2s);
        Message batch = again.sync(last, 0);

        assertThat(again.maxSequence()).isEqualTo(last + 5);
        assertThat(batch.getHasMore()).isFalse();
        assertThat(batch.getMessagesList()).extracting(MessageItem::getSyncSequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(last + 1, last + 5).boxed().toList());
        assertThat(batch.getMessagesList()).extracting(MessageItem::getMessageId).containsExactlyElementsOf(ids);
        assertThat(batch.getMessagesList()).extracting(MessageItem::getContent)
                .containsExactly("missed 1", "missed 2", "missed 3", "missed 4", "missed 5");
        again.assertNothingPending();
    }

    /** Example 4. */
    @Test
    void groupSendShouldStoreOneCopyPerMemberWithOneMessageIdAndPushEveryMemberDeviceButTheSender() {
        Jim.Session a1s = jim.register("alice");
        Jim.Session a2s = jim.newDevice(a1s);
        Jim.Session b1s = jim.register("bob");
        Jim.Session b2s = jim.newDevice(b1s);
        Jim.Session c1s = jim.register("carol");
        long group = jim.createGroup(a1s, b1s, c1s);
        Device a1 = jim.online(a1s);
        Device a2 = jim.online(a2s);
        Device b1 = jim.online(b1s);
        Device b2 = jim.online(b2s);
        Device c1 = jim.online(c1s);

        MessageSendACK ack = a1.sendOk(Wire.toGroup(group, 1, "hi all"));

        assertThat(ack.getSyncSequence()).as("the sender's copy at A's next sequence").isEqualTo(a1.maxSequence() + 1);
        for (Device d : List.of(a2, b1, b2, c1)) {
            MessageItem copy = d.push();
            assertThat(copy.getMessageId()).isEqualTo(ack.getMessageId());
            assertThat(copy.getSyncSequence()).as("each owner's next sequence").isEqualTo(d.maxSequence() + 1);
            assertThat(copy.getReceiverType()).isEqualTo(Wire.RECEIVER_GROUP);
            assertThat(copy.getReceiverId()).isEqualTo(group);
            assertThat(copy.getSenderId()).isEqualTo(a1s.userId());
            assertThat(copy.getContent()).isEqualTo("hi all");
        }
        a1.assertNothingPending();
        for (Jim.Session owner : List.of(a1s, b1s, c1s)) {
            List<JsonNode> inbox = jim.inbox(owner, 0);
            assertThat(inbox).filteredOn(m -> m.get("message_id").asLong() == ack.getMessageId()).as("one copy in each inbox")
                    .hasSize(1);
            assertThat(inbox.getLast().get("message_id").asLong()).as("and it is the newest").isEqualTo(ack.getMessageId());
        }
    }
}
