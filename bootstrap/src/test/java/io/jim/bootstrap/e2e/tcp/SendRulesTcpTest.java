package io.jim.bootstrap.e2e.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.bootstrap.e2e.TestDatabase;
import io.jim.proto.FrameType;
import io.jim.proto.MessageItem;
import io.jim.proto.MessageSend;
import io.jim.proto.MessageSendACK;
import io.jim.proto.ResultCode;
import java.io.ByteArrayOutputStream;
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

/** PROTOCOL.md 4.2 and 4.3 over TCP against the real server: the send rules, their result codes and de-duplication. */
@ParameterizedClass(name = "[{0}]")
@EnumSource(TestDatabase.Kind.class)
class SendRulesTcpTest {

    /** The server's default content limit (JIM_MAX_CONTENT_BYTES). */
    private static final int CONTENT_LIMIT = 16 * 1024;

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

    /** Two fresh friends; returns {a, b}. */
    private static Jim.Session[] friends() {
        Jim.Session a = jim.register("alice");
        Jim.Session b = jim.register("bob");
        jim.befriend(a, b);
        return new Jim.Session[] {a, b};
    }

    private static List<JsonNode> texts(Jim.Session owner) {
        return jim.inbox(owner, 0).stream().filter(m -> m.get("type").asInt() != Wire.COMMAND).toList();
    }

    private static MessageSend withType(MessageSend send, int type) {
        return send.toBuilder().setType(type).build();
    }

    @Test
    void retransmissionAfterLaterSendsShouldGetTheOriginalAckAndStoreOrPushNothing() {
        Jim.Session[] ab = friends();
        Device a = jim.online(ab[0]);
        Device b = jim.online(ab[1]);
        List<MessageSendACK> acks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            acks.add(a.sendOk(Wire.toUser(ab[1].userId(), i, "m" + i)));
            b.push();
        }

        MessageSendACK again = a.send(Wire.toUser(ab[1].userId(), 2, "m2, edited before the retry"));

        assertThat(again).isEqualTo(acks.get(1));
        b.assertNothingPending();
        a.assertNothingPending();
        assertThat(texts(ab[1])).extracting(m -> m.get("content").asText()).containsExactly("m1", "m2", "m3");
        assertThat(texts(ab[0])).extracting(m -> m.get("message_id").asLong())
                .containsExactlyElementsOf(acks.stream().map(MessageSendACK::getMessageId).toList());
    }

    @Test
    void sendSequenceMayJumpButALowerNeverUsedOneShouldBeRefusedWithCode5() {
        Jim.Session[] ab = friends();
        Device a = jim.online(ab[0]);
        long bob = ab[1].userId();
        a.sendOk(Wire.toUser(bob, 1, "one"));
        MessageSendACK five = a.sendOk(Wire.toUser(bob, 5, "five"));

        MessageSendACK three = a.send(Wire.toUser(bob, 3, "three"));

        assertThat(three.getCode()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(three.getSendSequence()).isEqualTo(3);
        assertThat(three.getMessageId()).isZero();
        assertThat(a.send(Wire.toUser(bob, 5, "five"))).as("5 is still a retransmission").isEqualTo(five);
        a.sendOk(Wire.toUser(bob, 6, "six"));
        assertThat(texts(ab[1])).extracting(m -> m.get("content").asText()).containsExactly("one", "five", "six");
        assertThat(jim.loginAgain(ab[0]).sendSequence()).as("login tells the device's highest accepted send_sequence").isEqualTo(6);
    }

    @Test
    void retransmissionShouldGetTheOriginalAckEvenAfterTheFriendshipEnded() {
        Jim.Session[] ab = friends();
        Device a = jim.online(ab[0]);
        MessageSend hello = Wire.toUser(ab[1].userId(), 1, "hello");
        MessageSendACK original = a.sendOk(hello);

        jim.unfriend(ab[0], ab[1]);
        MessageItem unfriended = a.push();

        assertThat(unfriended.getType()).isEqualTo(Wire.COMMAND);
        assertThat(unfriended.getContent()).contains("102");
        assertThat(a.send(hello)).as("checked for a retransmission first").isEqualTo(original);
        assertThat(a.send(Wire.toUser(ab[1].userId(), 2, "hello?")).getCode()).isEqualTo(ResultCode.NOT_FRIENDS);
    }

    @Test
    void sendToAUserWhoIsNotAFriendShouldBeRefusedWithCode2AndStoreNothing() {
        Jim.Session a = jim.register("alice");
        Jim.Session stranger = jim.register("mallory");
        Device device = jim.online(a);

        MessageSendACK toStranger = device.send(Wire.toUser(stranger.userId(), 1, "hi"));
        MessageSendACK toNobody = device.send(Wire.toUser(9_000_000_000_000L, 2, "hi"));
        MessageSendACK toSelf = device.send(Wire.toUser(a.userId(), 3, "hi me"));

        assertThat(List.of(toStranger, toNobody, toSelf)).extracting(MessageSendACK::getCode).containsOnly(ResultCode.NOT_FRIENDS);
        assertThat(toStranger.getMessage()).isNotBlank();
        assertThat(jim.inbox(stranger, 0)).isEmpty();
        assertThat(jim.inbox(a, 0)).isEmpty();
        device.assertNothingPending();
    }

    @Test
    void groupSendFromANonMemberShouldBeRefusedWithCode3() {
        Jim.Session owner = jim.register("owner");
        Jim.Session member = jim.register("member");
        Jim.Session outsider = jim.register("outsider");
        long group = jim.createGroup(owner, member);
        Device device = jim.online(outsider);

        assertThat(device.send(Wire.toGroup(group, 1, "let me in")).getCode()).isEqualTo(ResultCode.NOT_IN_GROUP);
        assertThat(device.send(Wire.toGroup(9_000_000_000_000L, 2, "anyone?")).getCode()).as("unknown group")
                .isEqualTo(ResultCode.NOT_IN_GROUP);
        assertThat(texts(member)).isEmpty();
    }

    @Test
    void unknownReceiverTypeShouldBeRefusedWithCode5() {
        Jim.Session[] ab = friends();
        Device a = jim.online(ab[0]);

        for (int receiverType : List.of(0, 3, -1, 100)) {
            MessageSendACK ack = a.send(Wire.text(receiverType, ab[1].userId(), 1, "where to?"));
            assertThat(ack.getCode()).as("receiver_type %d", receiverType).isEqualTo(ResultCode.INVALID_ARGUMENT);
        }
        assertThat(texts(ab[1])).isEmpty();
    }

    @Test
    void unknownMessageTypeShouldBeRefusedWithCode5AndApplicationTypesAccepted() {
        Jim.Session[] ab = friends();
        Device a = jim.online(ab[0]);
        MessageSend base = Wire.toUser(ab[1].userId(), 1, "{}");

        for (int type : List.of(0, 9, 999, -1)) {
            assertThat(a.send(withType(base, type)).getCode()).as("type %d", type).isEqualTo(ResultCode.INVALID_ARGUMENT);
        }
        long sequence = 1;
        for (int type : List.of(2, 3, 4, 5, 6, 8, 1000, 123_456)) {
            assertThat(a.send(withType(base.toBuilder().setSendSequence(sequence++).build(), type)).getCode())
                    .as("type %d", type).isZero();
        }
        assertThat(texts(ab[1])).extracting(m -> m.get("type").asInt()).containsExactly(2, 3, 4, 5, 6, 8, 1000, 123_456);
    }

    @Test
    void commandTypeFromAClientShouldBeRefusedWithCode5() {
        Jim.Session[] ab = friends();
        Device a = jim.online(ab[0]);

        MessageSendACK ack = a.send(withType(Wire.toUser(ab[1].userId(), 1, "{\"code\":101,\"data\":{}}"), Wire.COMMAND));

        assertThat(ack.getCode()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(texts(ab[1])).isEmpty();
    }

    @Test
    void missingZeroOrNegativeSendSequenceShouldBeRefusedWithCode5() {
        Jim.Session[] ab = friends();
        Device a = jim.online(ab[0]);

        for (long sendSequence : List.of(0L, -1L)) {
            MessageSendACK ack = a.send(Wire.toUser(ab[1].userId(), sendSequence, "unnumbered"));
            assertThat(ack.getCode()).as("send_sequence %d", sendSequence).isEqualTo(ResultCode.INVALID_ARGUMENT);
        }
        assertThat(a.send(Wire.toUser(ab[1].userId(), 1, "x").toBuilder().clearSendSequence().build()).getCode())
                .as("send_sequence missing").isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(texts(ab[1])).isEmpty();
    }

    @Test
    void contentOverTheLimitCountedInUtf8BytesShouldBeRefusedWithCode10() {
        Jim.Session[] ab = friends();
        Device a = jim.online(ab[0]);
        long bob = ab[1].userId();

        MessageSendACK asciiAtLimit = a.send(Wire.toUser(bob, 1, "a".repeat(CONTENT_LIMIT)));
        MessageSendACK asciiOver = a.send(Wire.toUser(bob, 2, "a".repeat(CONTENT_LIMIT + 1)));
        MessageSendACK twoByteAtLimit = a.send(Wire.toUser(bob, 2, "é".repeat(CONTENT_LIMIT / 2)));
        // Half as many characters as the limit, but one byte over it.
        MessageSendACK twoByteOver = a.send(Wire.toUser(bob, 3, "é".repeat(CONTENT_LIMIT / 2) + "a"));

        assertThat(asciiAtLimit.getCode()).isZero();
        assertThat(asciiOver.getCode()).isEqualTo(ResultCode.TOO_LARGE);
        assertThat(twoByteAtLimit.getCode()).isZero();
        assertThat(twoByteOver.getCode()).isEqualTo(ResultCode.TOO_LARGE);
        assertThat(texts(ab[1])).extracting(m -> m.get("content").asText().length()).containsExactly(CONTENT_LIMIT, CONTENT_LIMIT / 2);
    }

    @Test
    void refusedSendShouldNotUseUpItsSendSequence() {
        Jim.Session[] ab = friends();
        Jim.Session stranger = jim.register("mallory");
        Device a = jim.online(ab[0]);

        assertThat(a.send(Wire.toUser(stranger.userId(), 1, "refused")).getCode()).isEqualTo(ResultCode.NOT_FRIENDS);
        MessageSendACK accepted = a.send(Wire.toUser(ab[1].userId(), 1, "accepted"));

        assertThat(accepted.getCode()).as("1 was not used by the refused send").isZero();
        assertThat(accepted.getMessageId()).isPositive();
        assertThat(texts(ab[1])).extracting(m -> m.get("content").asText()).containsExactly("accepted");
    }

    @Test
    void serverShouldStampSenderAndSendTimeAndIgnoreTheClientsValues() {
        Jim.Session[] ab = friends();
        Device a = jim.online(ab[0]);
        Device b = jim.online(ab[1]);
        long before = System.currentTimeMillis();

        MessageSendACK ack = a.sendOk(Wire.toUser(ab[1].userId(), 1, "stamped").toBuilder().setSendTime(1234).build());
        MessageItem copy = b.push();

        long after = System.currentTimeMillis();
        assertThat(ack.getSendTime()).isBetween(before - 1000, after + 1000);
        assertThat(copy.getSendTime()).isEqualTo(ack.getSendTime());
        assertThat(copy.getSenderType()).isEqualTo(Wire.SENDER_USER);
        assertThat(copy.getSenderId()).isEqualTo(ab[0].userId());
        assertThat(copy.getSenderDeviceId()).isEqualTo(ab[0].deviceId());
    }

    @Test
    void acksOfPipelinedSendsShouldComeBackInSendOrderWithConsecutiveSequences() {
        Jim.Session[] ab = friends();
        Device a = jim.online(ab[0]);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 1; i <= 20; i++) {
            all.writeBytes(Wire.send(Wire.toUser(ab[1].userId(), i, "pipelined " + i)));
        }

        a.write(all.toByteArray());

        List<MessageSendACK> acks = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            acks.add(a.ack());
        }
        assertThat(acks).extracting(MessageSendACK::getCode).containsOnly(ResultCode.OK);
        assertThat(acks).extracting(MessageSendACK::getSendSequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(acks).extracting(MessageSendACK::getSyncSequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(a.maxSequence() + 1, a.maxSequence() + 20).boxed().toList());
        assertThat(acks).extracting(MessageSendACK::getMessageId).doesNotHaveDuplicates();
    }

    @Test
    void mentionsShouldBeEchoedInEveryCopyAndMoreThan100RefusedWithCode5() {
        Jim.Session a = jim.register("alice");
        Jim.Session b = jim.register("bob");
        Jim.Session c = jim.register("carol");
        long group = jim.createGroup(a, b, c);
        Device sender = jim.online(a);
        Device bob = jim.online(b);
        Device carol = jim.online(c);
        MessageSend mention = Wire.toGroup(group, 1, "@bob @carol").toBuilder().addToUserIds(b.userId()).addToUserIds(c.userId()).build();

        MessageSendACK ack = sender.sendOk(mention);

        for (Device d : List.of(bob, carol)) {
            assertThat(d.push().getToUserIdsList()).containsExactly(b.userId(), c.userId());
        }
        assertThat(jim.inbox(a, ack.getSyncSequence() - 1)).singleElement()
                .satisfies(m -> assertThat(m.get("to_user_ids")).extracting(JsonNode::asLong).containsExactly(b.userId(), c.userId()));
        MessageSend.Builder tooMany = Wire.toGroup(group, 2, "@everyone").toBuilder();
        LongStream.rangeClosed(1, 101).forEach(tooMany::addToUserIds);
        assertThat(sender.send(tooMany.build()).getCode()).isEqualTo(ResultCode.INVALID_ARGUMENT);
    }

    @Test
    void frameOfTheLargestLengthWithContentOverTheLimitShouldGetCode10AndNotAKick() {
        Jim.Session[] ab = friends();
        Device a = jim.online(ab[0]);
        MessageSend.Builder send = Wire.toUser(ab[1].userId(), 1, "").toBuilder();
        int overhead = send.build().getSerializedSize() + 4; // the content field's tag and 3-byte length
        byte[] frame = Wire.send(send.setContent("z".repeat(FrameType.MAX_BODY_BYTES - overhead)).build());
        assertThat(frame.length - 4).as("a body of 65535 bytes: the length field's top bit is set").isEqualTo(FrameType.MAX_BODY_BYTES);

        a.write(frame);

        assertThat(a.ack().getCode()).isEqualTo(ResultCode.TOO_LARGE);
        a.assertNothingPending();
    }
}
