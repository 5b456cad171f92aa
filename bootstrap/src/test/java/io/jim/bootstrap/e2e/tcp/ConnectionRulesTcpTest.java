package io.jim.bootstrap.e2e.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.bootstrap.e2e.TestDatabase;
import io.jim.proto.FrameType;
import io.jim.proto.Message;
import io.jim.proto.MessageItem;
import io.jim.proto.MessageSendACK;
import io.jim.proto.ResultCode;
import io.jim.proto.SignInACK;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PROTOCOL.md 1 and 4.1 against the real server: framing, sign-in, protocol errors and the kicks. The
 * server here has a small frame limit (1024 bytes) and a four-second sign-in timeout (short, yet long
 * enough for a sign-in on a loaded two-core CI machine).
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(TestDatabase.Kind.class)
class ConnectionRulesTcpTest {

    private static final int FRAME_LIMIT = 1024;

    private static Jim jim;

    /** The database of this run (the class runs once per kind, with its own server). */
    @Parameter
    TestDatabase.Kind database;

    @BeforeParameterizedClassInvocation
    static void startServer(TestDatabase.Kind kind) {
        jim = Jim.start(kind, Map.of("JIM_MAX_FRAME_BYTES", Integer.toString(FRAME_LIMIT), "JIM_SIGNIN_TIMEOUT_SECONDS", "4"));
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

    @Test
    void framesArrivingOneByteAtATimeShouldBeReassembledAndAnswered() {
        Jim.Session[] ab = friends();
        Device b = jim.online(ab[1]);
        WireClient a = jim.connect();

        a.writeOneByteAtATime(Wire.signIn(ab[0].userId(), ab[0].deviceId(), ab[0].token()));
        SignInACK signedIn = a.read().as(SignInACK.parser());
        a.writeOneByteAtATime(Wire.heartbeat());
        Wire.Frame heartbeatAck = a.read();
        a.writeOneByteAtATime(Wire.send(Wire.toUser(ab[1].userId(), 1, "byte by byte")));
        Wire.Frame sent = a.read();

        assertThat(signedIn.getCode()).isZero();
        assertThat(heartbeatAck.type()).isEqualTo(FrameType.HEARTBEAT_ACK);
        assertThat(sent.type()).isEqualTo(FrameType.MESSAGE_SEND_ACK);
        assertThat(sent.as(MessageSendACK.parser()).getCode()).isZero();
        assertThat(b.push().getContent()).isEqualTo("byte by byte");
    }

    @Test
    void framesSplitAcrossWritesAtEveryOffsetShouldAllBeAnsweredInOrder() {
        Jim.Session[] ab = friends();
        Device a = jim.online(ab[0]);
        byte[] stream = Wire.concat(Wire.heartbeat(), Wire.send(Wire.toUser(ab[1].userId(), 1, "split")), Wire.heartbeat(),
                Wire.sync(0, 0), Wire.heartbeat());

        // Chunks of 3 bytes cut inside headers, between header and body, and inside bodies.
        for (int i = 0; i < stream.length; i += 3) {
            a.write(Arrays.copyOfRange(stream, i, Math.min(stream.length, i + 3)));
        }

        assertThat(a.wire().read().type()).isEqualTo(FrameType.HEARTBEAT_ACK);
        assertThat(a.ack().getCode()).isZero();
        assertThat(a.wire().read().type()).isEqualTo(FrameType.HEARTBEAT_ACK);
        assertThat(a.syncAnswer().getMessagesList()).extracting(MessageItem::getContent).contains("split");
        assertThat(a.wire().read().type()).isEqualTo(FrameType.HEARTBEAT_ACK);
    }

    @Test
    void severalFramesInOneWriteShouldAllBeAnsweredInArrivalOrder() {
        Jim.Session[] ab = friends();
        Jim.Session a = ab[0];
        long bob = ab[1].userId();
        WireClient client = jim.connect();

        client.write(Wire.concat(
                Wire.signIn(a.userId(), a.deviceId(), a.token()),
                Wire.heartbeat(),
                Wire.send(Wire.toUser(bob, 1, "one")),
                Wire.send(Wire.toUser(bob, 2, "two")),
                Wire.send(Wire.toUser(bob, 3, "three")),
                Wire.sync(0, 0),
                Wire.heartbeat()));

        SignInACK signedIn = client.read().as(SignInACK.parser());
        assertThat(signedIn.getCode()).isZero();
        assertThat(client.read().type()).isEqualTo(FrameType.HEARTBEAT_ACK);
        long expected = signedIn.getMaxSequence();
        for (int i = 1; i <= 3; i++) {
            Wire.Frame frame = client.read();
            assertThat(frame.type()).isEqualTo(FrameType.MESSAGE_SEND_ACK);
            MessageSendACK ack = frame.as(MessageSendACK.parser());
            assertThat(ack.getCode()).isZero();
            assertThat(ack.getSendSequence()).isEqualTo(i);
            assertThat(ack.getSyncSequence()).isEqualTo(++expected);
        }
        Message batch = client.read().as(Message.parser());
        assertThat(batch.getType()).isEqualTo(Wire.SYNC_BATCH);
        assertThat(batch.getMessagesList()).extracting(MessageItem::getContent).endsWith("one", "two", "three");
        assertThat(client.read().type()).isEqualTo(FrameType.HEARTBEAT_ACK);
    }

    @Test
    void bodyThatIsNotValidProtobufShouldBeKickedWith22WithoutDisturbingOtherConnections() {
        Jim.Session[] ab = friends();
        Device bad = jim.online(ab[0]);
        Device bystander = jim.online(ab[1]);

        // A varint that never ends: no protobuf parser accepts it.
        bad.write(Wire.raw(FrameType.MESSAGE_SEND, new byte[] {(byte) 0x08, (byte) 0xFF, (byte) 0xFF}));

        assertThat(bad.kicked()).isEqualTo(ResultCode.PROTOCOL_ERROR);
        bystander.assertNothingPending();
        assertThat(bystander.send(Wire.toUser(ab[0].userId(), 1, "still here")).getCode()).isZero();
    }

    @Test
    void framesBeforeABadFrameShouldBeAnsweredThenKick22AndNothingAfterIt() {
        Jim.Session[] ab = friends();
        Device a = jim.online(ab[0]);

        a.write(Wire.concat(Wire.heartbeat(), Wire.send(Wire.toUser(ab[1].userId(), 1, "before the bad frame")),
                Wire.raw(FrameType.HEARTBEAT, new byte[] {1}), Wire.send(Wire.toUser(ab[1].userId(), 2, "after the bad frame"))));

        assertThat(a.wire().read().type()).isEqualTo(FrameType.HEARTBEAT_ACK);
        assertThat(a.ack().getCode()).isZero();
        assertThat(a.kicked()).isEqualTo(ResultCode.PROTOCOL_ERROR);
        assertThat(jim.inbox(ab[1], 0)).extracting(m -> m.get("content").asText())
                .contains("before the bad frame").doesNotContain("after the bad frame");
    }

    @Test
    void syncTriggerAndMessageAckWithBadBodiesShouldBeKickedWith22() {
        Jim.Session a = jim.register("alice");
        byte[] garbage = {(byte) 0x10, (byte) 0x80};
        for (int code : List.of(FrameType.SYNC_TRIGGER, FrameType.MESSAGE_ACK)) {
            Device device = jim.online(a);

            device.write(Wire.raw(code, garbage));

            assertThat(device.kicked()).as("frame code %d", code).isEqualTo(ResultCode.PROTOCOL_ERROR);
        }
    }

    @Test
    void heartbeatWithABodyShouldBeKickedWith22() {
        Device device = jim.online(jim.register("alice"));

        device.write(Wire.raw(FrameType.HEARTBEAT, new byte[] {1, 2, 3}));

        assertThat(device.kicked()).isEqualTo(ResultCode.PROTOCOL_ERROR);
    }

    @Test
    void signInBodyThatDoesNotParseShouldBeKickedWith22() {
        WireClient client = jim.connect();

        client.write(Wire.raw(FrameType.SIGN_IN, new byte[] {(byte) 0x1A, 0x05, 'a'}));

        assertThat(client.readUntilClosed()).singleElement().satisfies(f -> assertThat(f.kickCode()).isEqualTo(ResultCode.PROTOCOL_ERROR));
    }

    @Test
    void anyFrameBeforeSignInShouldBeKickedWith22AndClosed() {
        Jim.Session[] ab = friends();
        List<byte[]> firstFrames = List.of(Wire.heartbeat(), Wire.send(Wire.toUser(ab[1].userId(), 1, "too early")), Wire.sync(0, 0),
                Wire.messageAck(1), Wire.raw(11, new byte[0]));
        for (byte[] first : firstFrames) {
            WireClient client = jim.connect();

            client.write(first);

            assertThat(client.readUntilClosed()).as("first frame code %d", first[1])
                    .singleElement().satisfies(f -> assertThat(f.kickCode()).isEqualTo(ResultCode.PROTOCOL_ERROR));
        }
        assertThat(jim.inbox(ab[1], 0)).as("nothing was sent before sign-in")
                .noneMatch(m -> m.get("content").asText().equals("too early"));
    }

    @Test
    void signInWithBadCredentialsShouldGetSignInAck4AndBeClosed() {
        Jim.Session a = jim.register("alice");
        Jim.Session a2 = jim.newDevice(a);
        Jim.Session b = jim.register("bob");
        List<byte[]> attempts = List.of(
                Wire.signIn(a.userId(), a.deviceId(), a.token() + "x"),    // wrong token
                Wire.signIn(a.userId(), a.deviceId(), ""),                 // no token
                Wire.signIn(b.userId(), a.deviceId(), a.token()),          // device of another user
                Wire.signIn(a.userId(), b.deviceId(), b.token()),          // another user's device and token
                Wire.signIn(a.userId(), a.deviceId(), a2.token()),         // the token of the user's other device
                Wire.signIn(a.userId(), 9_000_000_000_000L, a.token()),    // unknown device
                Wire.signIn(a.userId(), -1, a.token()));                    // an id that can never exist
        for (byte[] attempt : attempts) {
            WireClient client = jim.connect();

            client.write(attempt);

            assertThat(client.readUntilClosed()).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(FrameType.SIGN_IN_ACK);
                assertThat(f.as(SignInACK.parser()).getCode()).isEqualTo(ResultCode.UNAUTHENTICATED);
            });
        }
        jim.online(a).assertNothingPending();
    }

    @Test
    void declaredLengthOverTheConfiguredFrameLimitShouldBeKickedWith22() {
        Device signedIn = jim.online(jim.register("alice"));
        WireClient notSignedIn = jim.connect();

        signedIn.write(Wire.header(FrameType.MESSAGE_SEND, FRAME_LIMIT + 1));
        notSignedIn.write(Wire.header(FrameType.SIGN_IN, FRAME_LIMIT + 1));

        assertThat(signedIn.kicked()).isEqualTo(ResultCode.PROTOCOL_ERROR);
        assertThat(notSignedIn.readUntilClosed()).singleElement()
                .satisfies(f -> assertThat(f.kickCode()).isEqualTo(ResultCode.PROTOCOL_ERROR));
    }

    @Test
    void frameOfExactlyTheConfiguredLimitShouldBeAccepted() {
        Jim.Session[] ab = friends();
        Device a = jim.online(ab[0]);
        String content = "x".repeat(FRAME_LIMIT - 16);
        byte[] frame = Wire.send(Wire.toUser(ab[1].userId(), 1, content));
        int padding = FRAME_LIMIT - (frame.length - 4);
        frame = Wire.send(Wire.toUser(ab[1].userId(), 1, content + "y".repeat(padding)));
        assertThat(frame.length - 4).isEqualTo(FRAME_LIMIT);

        a.write(frame);

        assertThat(a.ack().getCode()).isZero();
    }

    @Test
    void secondSignInOnTheSameConnectionShouldBeKickedWith22() {
        Jim.Session a = jim.register("alice");
        Device device = jim.online(a);

        device.write(Wire.signIn(a.userId(), a.deviceId(), a.token()));

        assertThat(device.kicked()).isEqualTo(ResultCode.PROTOCOL_ERROR);
    }

    @Test
    void serverFrameCodesFromAClientShouldBeKickedWith22() {
        Jim.Session a = jim.register("alice");
        for (int code : List.of(FrameType.SIGN_IN_ACK, FrameType.HEARTBEAT_ACK, FrameType.MESSAGE_SEND_ACK, FrameType.MESSAGE,
                FrameType.KICK)) {
            Device device = jim.online(a);

            device.write(Wire.raw(code, new byte[0]));

            assertThat(device.kicked()).as("frame code %d", code).isEqualTo(ResultCode.PROTOCOL_ERROR);
        }
    }

    @Test
    void unknownFrameCodesAfterSignInShouldBeIgnored() {
        Device device = jim.online(jim.register("alice"));

        device.write(Wire.concat(Wire.raw(11, new byte[] {1, 2, 3}), Wire.raw(1000, new byte[0]), Wire.raw(0xFFFF, new byte[] {9})));

        device.assertNothingPending();
    }

    @Test
    void newerSignInOfTheSameDeviceShouldKickTheOlderConnectionWith20AndTheNewerKeepsWorking() {
        Jim.Session[] ab = friends();
        Device older = jim.online(ab[1]);
        Device friend = jim.online(ab[0]);

        Device newer = jim.online(ab[1]);

        assertThat(older.kicked()).isEqualTo(ResultCode.SIGNED_IN_ELSEWHERE);
        newer.assertNothingPending();
        MessageSendACK ack = friend.sendOk(Wire.toUser(ab[1].userId(), 1, "to the newer connection"));
        MessageItem copy = newer.push();
        assertThat(copy.getMessageId()).isEqualTo(ack.getMessageId());
        assertThat(newer.sync(copy.getSyncSequence() - 1, 0).getMessagesList()).extracting(MessageItem::getMessageId)
                .containsExactly(ack.getMessageId());
    }

    @Test
    void logoutShouldKickTheDeviceWith21AndItsTokenShouldNoLongerSignIn() {
        Jim.Session a1 = jim.register("alice");
        Jim.Session a2 = jim.newDevice(a1);
        Device loggingOut = jim.online(a1);
        Device otherDevice = jim.online(a2);

        jim.logout(a1);

        assertThat(loggingOut.kicked()).isEqualTo(ResultCode.SIGNED_OUT);
        otherDevice.assertNothingPending();
        WireClient again = jim.connect();
        again.write(Wire.signIn(a1.userId(), a1.deviceId(), a1.token()));
        assertThat(again.readUntilClosed()).singleElement()
                .satisfies(f -> assertThat(f.as(SignInACK.parser()).getCode()).isEqualTo(ResultCode.UNAUTHENTICATED));
    }

    @Test
    void httpLoginOfTheSameDeviceShouldKickItsConnectionWith21AndOnlyTheNewTokenSignsIn() {
        Jim.Session first = jim.register("alice");
        Device connected = jim.online(first);

        Jim.Session renewed = jim.loginAgain(first);

        assertThat(renewed.deviceId()).isEqualTo(first.deviceId());
        assertThat(connected.kicked()).isEqualTo(ResultCode.SIGNED_OUT);
        WireClient stale = jim.connect();
        stale.write(Wire.signIn(first.userId(), first.deviceId(), first.token()));
        assertThat(stale.readUntilClosed()).singleElement()
                .satisfies(f -> assertThat(f.as(SignInACK.parser()).getCode()).isEqualTo(ResultCode.UNAUTHENTICATED));
        jim.online(renewed).assertNothingPending();
    }

    @Test
    void connectionThatNeverSignsInShouldBeClosedAfterTheSignInTimeout() {
        WireClient silent = jim.connect();

        List<Wire.Frame> frames = silent.readUntilClosed();

        assertThat(frames).as("closed, at most with a Kick{22}").hasSizeLessThanOrEqualTo(1)
                .allSatisfy(f -> assertThat(f.kickCode()).isEqualTo(ResultCode.PROTOCOL_ERROR));
    }
}
