package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.fake.InMemoryJim;
import io.jim.application.service.message.SendMessageService;
import io.jim.domain.group.Group;
import io.jim.proto.FrameType;
import io.jim.proto.MessageItem;
import io.jim.proto.MessageSend;
import io.jim.proto.MessageSendACK;
import io.jim.proto.ResultCode;
import io.jim.proto.SignInACK;
import io.jim.proto.SyncTrigger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance examples of PROTOCOL.md section 5 over real sockets, with the real application services
 * on the in-memory fakes and this adapter's {@link ConnectionRegistry} as the send service's delivery gateway.
 */
class ConformanceTest {

    private final InMemoryJim jim = new InMemoryJim();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConnectionRegistry registry = new ConnectionRegistry(meters);
    private final List<TestClient> clients = new ArrayList<>();
    private TcpServer server;

    @BeforeEach
    void start() {
        SendMessageService send = new SendMessageService(jim.friends(), jim.groups(), jim.messageIds(), jim.messageStore(),
                registry, jim.clock(), jim.limits(), jim.watermarks());
        server = new TcpServer(TcpConfig.DEFAULTS.withBindAddress("127.0.0.1").withPort(0).withShutdownTimeout(Duration.ofSeconds(3)),
                jim.signIn(), send, jim.syncInbox(), jim.ackInbox(), registry, meters);
        server.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        server.stop();
    }

    /** A connected, signed-in device; remembers the max_sequence it was told. */
    private record Device(TestClient client, long maxSequence) {
    }

    private Device online(InMemoryJim.Session session) {
        TestClient client = TestClient.connect(server.port());
        clients.add(client);
        client.write(Frames.signIn(session.deviceId().value(), session.userId().value(), session.token()));
        SignInACK ack = client.read().as(SignInACK.parser());
        assertThat(ack.getCode()).isZero();
        return new Device(client, ack.getMaxSequence());
    }

    private static byte[] text(long receiverType, long receiverId, long sendSequence, String content) {
        return Frames.bytes(FrameType.MESSAGE_SEND, MessageSend.newBuilder().setReceiverType((int) receiverType).setReceiverId(receiverId)
                .setType(1).setContent(content).setSendSequence(sendSequence).build());
    }

    private static MessageSendACK ack(Device device) {
        Frames.Frame frame = device.client().read();
        assertThat(frame.type()).as("the sender gets its ack and no push").isEqualTo(FrameType.MESSAGE_SEND_ACK);
        return frame.as(MessageSendACK.parser());
    }

    private static MessageItem push(Device device) {
        io.jim.proto.Message message = device.client().read().as(io.jim.proto.Message.parser());
        assertThat(message.getType()).isEqualTo(MessageItems.PUSH);
        assertThat(message.getMessagesList()).hasSize(1);
        return message.getMessages(0);
    }

    /** Nothing else was written before: a heartbeat sent now is answered next. */
    private static void assertNothingPending(Device device) {
        device.client().write(Frames.heartbeat());
        assertThat(device.client().read().type()).isEqualTo(FrameType.HEARTBEAT_ACK);
    }

    @Test
    void oneToOneSendShouldBeAckedToTheSenderAndPushedToEveryOtherDevice() {
        InMemoryJim.Session a1s = jim.signUp("alice");
        InMemoryJim.Session a2s = jim.anotherDevice(a1s);
        InMemoryJim.Session b1s = jim.signUp("bob");
        InMemoryJim.Session b2s = jim.anotherDevice(b1s);
        jim.makeFriends(a1s, b1s);
        Device a1 = online(a1s);
        Device a2 = online(a2s);
        Device b1 = online(b1s);
        Device b2 = online(b2s);

        a1.client().write(text(1, b1s.userId().value(), 1, "hello"));
        MessageSendACK ack = ack(a1);

        assertThat(ack.getCode()).isZero();
        assertThat(ack.getSendSequence()).isEqualTo(1);
        assertThat(ack.getSyncSequence()).isEqualTo(a1.maxSequence() + 1);
        MessageItem atA2 = push(a2);
        assertThat(atA2.getMessageId()).isEqualTo(ack.getMessageId());
        assertThat(atA2.getSyncSequence()).isEqualTo(ack.getSyncSequence());
        assertThat(atA2.getSenderDeviceId()).isEqualTo(a1s.deviceId().value());
        for (Device b : List.of(b1, b2)) {
            MessageItem copy = push(b);
            assertThat(copy.getMessageId()).isEqualTo(ack.getMessageId());
            assertThat(copy.getSyncSequence()).isEqualTo(b.maxSequence() + 1);
            assertThat(copy.getContent()).isEqualTo("hello");
        }
        assertNothingPending(a1);

        // The same frame again: the original ack, and nobody gets another push.
        a1.client().write(text(1, b1s.userId().value(), 1, "hello"));
        assertThat(ack(a1)).isEqualTo(ack);
        for (Device d : List.of(a2, b1, b2)) {
            assertNothingPending(d);
        }
    }

    @Test
    void deviceThatWasOfflineShouldSyncExactlyTheMissedCopiesInOrder() {
        InMemoryJim.Session a1s = jim.signUp("alice");
        InMemoryJim.Session b2s = jim.signUp("bob");
        jim.makeFriends(a1s, b2s);
        Device a1 = online(a1s);
        Device b2 = online(b2s);
        long last = b2.maxSequence();
        b2.client().close();

        for (int i = 1; i <= 5; i++) {
            a1.client().write(text(1, b2s.userId().value(), i, "m" + i));
            assertThat(ack(a1).getCode()).isZero();
        }
        Device again = online(b2s);
        again.client().write(Frames.bytes(FrameType.SYNC_TRIGGER, SyncTrigger.newBuilder().setSyncSequence(last).build()));
        io.jim.proto.Message batch = again.client().read().as(io.jim.proto.Message.parser());

        assertThat(batch.getType()).isEqualTo(MessageItems.SYNC_BATCH);
        assertThat(batch.getHasMore()).isFalse();
        assertThat(batch.getMessagesList()).extracting(MessageItem::getSyncSequence)
                .containsExactly(last + 1, last + 2, last + 3, last + 4, last + 5);
        assertThat(batch.getMessagesList()).extracting(MessageItem::getContent).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(again.maxSequence()).isEqualTo(last + 5);
    }

    @Test
    void groupSendShouldReachEveryMemberDeviceButTheSendingOne() {
        InMemoryJim.Session a1s = jim.signUp("alice");
        InMemoryJim.Session a2s = jim.anotherDevice(a1s);
        InMemoryJim.Session b1s = jim.signUp("bob");
        InMemoryJim.Session b2s = jim.anotherDevice(b1s);
        InMemoryJim.Session c1s = jim.signUp("carol");
        Group group = jim.createGroup(a1s, "trio", b1s, c1s);
        Device a1 = online(a1s);
        Device a2 = online(a2s);
        Device b1 = online(b1s);
        Device b2 = online(b2s);
        Device c1 = online(c1s);

        a1.client().write(text(2, group.id().value(), 1, "hi all"));
        MessageSendACK ack = ack(a1);

        assertThat(ack.getCode()).isZero();
        for (Device d : List.of(a2, b1, b2, c1)) {
            MessageItem copy = push(d);
            assertThat(copy.getMessageId()).isEqualTo(ack.getMessageId());
            assertThat(copy.getReceiverType()).isEqualTo(2);
            assertThat(copy.getReceiverId()).isEqualTo(group.id().value());
            assertThat(copy.getSyncSequence()).isEqualTo(d.maxSequence() + 1);
        }
        assertNothingPending(a1);
    }

    @Test
    void ruleViolationsShouldComeBackAsAckCodes() {
        InMemoryJim.Session a1s = jim.signUp("alice");
        InMemoryJim.Session stranger = jim.signUp("mallory");
        InMemoryJim.Session friend = jim.signUp("bob");
        jim.makeFriends(a1s, friend);
        Device a1 = online(a1s);

        a1.client().write(text(1, stranger.userId().value(), 1, "hi"));
        assertThat(ack(a1).getCode()).isEqualTo(ResultCode.NOT_FRIENDS);
        // Type 7 (command) is produced by the server only; checked after friendship (PROTOCOL.md 4.3 order).
        a1.client().write(Frames.bytes(FrameType.MESSAGE_SEND, MessageSend.newBuilder().setReceiverType(1)
                .setReceiverId(friend.userId().value()).setType(7).setContent("{}").setSendSequence(2).build()));
        assertThat(ack(a1).getCode()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        a1.client().write(text(1, friend.userId().value(), 0, "no sequence"));
        assertThat(ack(a1).getCode()).isEqualTo(ResultCode.INVALID_ARGUMENT);
    }

    @Test
    void staleTokenShouldGetSignInAck4() {
        InMemoryJim.Session a1s = jim.signUp("alice");
        TestClient client = TestClient.connect(server.port());
        clients.add(client);

        client.write(Frames.signIn(a1s.deviceId().value(), a1s.userId().value(), a1s.token() + "x"));

        assertThat(client.readUntilClosed()).singleElement()
                .satisfies(f -> assertThat(f.as(SignInACK.parser()).getCode()).isEqualTo(ResultCode.UNAUTHENTICATED));
    }
}
