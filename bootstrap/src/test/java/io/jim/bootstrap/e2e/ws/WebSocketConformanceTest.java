package io.jim.bootstrap.e2e.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.bootstrap.JimServer;
import io.jim.bootstrap.e2e.TestDatabase;
import io.jim.bootstrap.e2e.TestServer;
import io.jim.bootstrap.e2e.ws.WsDevice.Encoding;
import io.jim.proto.FrameType;
import io.jim.proto.MessageItem;
import io.jim.proto.MessageSend;
import io.jim.proto.MessageSendACK;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The four conformance examples of PROTOCOL.md section 5 over the WebSocket transport, against the real
 * server, once with binary messages (TLV frames) and once with JSON text messages.
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(Encoding.class)
class WebSocketConformanceTest {

    private static TestDatabase db;
    private static JimServer server;
    private static WsApi api;

    @Parameter
    Encoding encoding;

    private final List<WsDevice> devices = new ArrayList<>();

    @BeforeAll
    static void start() {
        db = TestDatabase.create(TestDatabase.Kind.H2);
        server = TestServer.start(db);
        api = new WsApi(server.httpPort());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        db.close();
    }

    @AfterEach
    void closeDevices() {
        devices.forEach(WsDevice::close);
    }

    private WsDevice online(WsApi.Login who) {
        WsDevice device = WsDevice.online(server.httpPort(), encoding, who);
        devices.add(device);
        return device;
    }

    private static MessageSend text(long to, long sendSequence, String content) {
        return MessageSend.newBuilder().setReceiverType(1).setReceiverId(to).setType(1).setContent(content).setSendSequence(sendSequence).build();
    }

    /** Example 1. */
    @Test
    void oneToOneSendShouldAckTheSenderAndPushEachOwnersCopyToEveryOtherDeviceButTheSender() {
        WsApi.Login a1s = api.register("alice");
        WsApi.Login a2s = api.login(a1s.account());
        WsApi.Login b1s = api.register("bob");
        WsApi.Login b2s = api.login(b1s.account());
        api.befriend(a1s, b1s);
        long aNewest = api.newestSequence(a1s);
        long bNewest = api.newestSequence(b1s);
        WsDevice a1 = online(a1s);
        WsDevice a2 = online(a2s);
        WsDevice b1 = online(b1s);
        WsDevice b2 = online(b2s);

        MessageSendACK ack = a1.send(text(b1s.userId(), 1, "hello bob"));

        assertThat(ack.getCode()).isZero();
        assertThat(ack.getSendSequence()).isEqualTo(1);
        assertThat(ack.getMessageId()).isPositive();
        assertThat(ack.getSyncSequence()).as("A's next sequence").isEqualTo(aNewest + 1);
        MessageItem atA2 = a2.push();
        assertThat(atA2.getMessageId()).isEqualTo(ack.getMessageId());
        assertThat(atA2.getSyncSequence()).isEqualTo(ack.getSyncSequence());
        for (WsDevice b : List.of(b1, b2)) {
            MessageItem copy = b.push();
            assertThat(copy.getMessageId()).isEqualTo(ack.getMessageId());
            assertThat(copy.getSyncSequence()).as("B's copy at B's next sequence").isEqualTo(bNewest + 1);
            assertThat(copy.getSenderId()).isEqualTo(a1s.userId());
            assertThat(copy.getSenderDeviceId()).isEqualTo(a1s.deviceId());
            assertThat(copy.getReceiverId()).isEqualTo(b1s.userId());
            assertThat(copy.getContent()).isEqualTo("hello bob");
        }
        for (WsDevice d : List.of(a1, a2, b1, b2)) {
            d.assertNothingPending();
        }
    }

    /** Example 2. */
    @Test
    void resentFrameShouldGetTheSameAckAgainAndNeitherStoreNorPushASecondCopy() {
        WsApi.Login a1s = api.register("alice");
        WsApi.Login a2s = api.login(a1s.account());
        WsApi.Login b1s = api.register("bob");
        api.befriend(a1s, b1s);
        WsDevice a1 = online(a1s);
        WsDevice a2 = online(a2s);
        WsDevice b1 = online(b1s);
        MessageSend hello = text(b1s.userId(), 1, "hello once");
        MessageSendACK first = a1.sendOk(hello);
        assertThat(a2.push().getMessageId()).isEqualTo(first.getMessageId());
        assertThat(b1.push().getMessageId()).isEqualTo(first.getMessageId());

        MessageSendACK again = a1.send(hello);

        assertThat(again).as("the original ack").isEqualTo(first);
        for (WsDevice d : List.of(a1, a2, b1)) {
            d.assertNothingPending();
        }
        List<MessageItem> bInbox = b1.syncFrom(0);
        assertThat(bInbox).filteredOn(m -> m.getType() == 1).singleElement()
                .satisfies(m -> assertThat(m.getMessageId()).isEqualTo(first.getMessageId()));
    }

    /** Example 3. */
    @Test
    void reconnectingDeviceShouldSyncExactlyTheFiveCopiesItMissedInOrderAndContiguous() {
        WsApi.Login a1s = api.register("alice");
        WsApi.Login b1s = api.register("bob");
        WsApi.Login b2s = api.login(b1s.account());
        api.befriend(a1s, b1s);
        WsDevice a1 = online(a1s);
        WsDevice b1 = online(b1s);
        WsDevice b2 = online(b2s);
        a1.sendOk(text(b1s.userId(), 1, "before"));
        b1.push();
        long last = b2.push().getSyncSequence();
        b2.close();

        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(a1.sendOk(text(b1s.userId(), 1 + i, "missed " + i)).getMessageId());
            assertThat(b1.push().getMessageId()).isEqualTo(ids.getLast());
        }
        WsDevice again = online(b2s);
        List<MessageItem> synced = again.syncFrom(last);

        assertThat(synced).extracting(MessageItem::getMessageId).containsExactlyElementsOf(ids);
        assertThat(synced).extracting(MessageItem::getSyncSequence).containsExactlyElementsOf(LongStream.rangeClosed(last + 1, last + 5).boxed().toList());
        assertThat(synced).extracting(MessageItem::getContent).containsExactly("missed 1", "missed 2", "missed 3", "missed 4", "missed 5");
    }

    /** Example 4. */
    @Test
    void groupSendShouldStoreOneCopyPerMemberAndPushToEveryOtherDevice() {
        WsApi.Login a1s = api.register("alice");
        WsApi.Login a2s = api.login(a1s.account());
        WsApi.Login b1s = api.register("bob");
        WsApi.Login b2s = api.login(b1s.account());
        WsApi.Login c1s = api.register("carol");
        long group = api.createGroup(a1s, List.of(b1s.userId(), c1s.userId()));
        WsDevice a1 = online(a1s);
        WsDevice a2 = online(a2s);
        WsDevice b1 = online(b1s);
        WsDevice b2 = online(b2s);
        WsDevice c1 = online(c1s);
        long bNext = api.newestSequence(b1s) + 1;
        long cNext = api.newestSequence(c1s) + 1;

        MessageSendACK ack = a1.sendOk(MessageSend.newBuilder().setReceiverType(2).setReceiverId(group).setType(1)
                .setContent("hello group").setSendSequence(1).build());

        assertThat(a2.push().getMessageId()).isEqualTo(ack.getMessageId());
        for (WsDevice d : List.of(b1, b2)) {
            MessageItem copy = d.push();
            assertThat(copy.getMessageId()).isEqualTo(ack.getMessageId());
            assertThat(copy.getSyncSequence()).isEqualTo(bNext);
            assertThat(copy.getReceiverType()).isEqualTo(2);
            assertThat(copy.getReceiverId()).isEqualTo(group);
        }
        MessageItem atC = c1.push();
        assertThat(atC.getMessageId()).isEqualTo(ack.getMessageId());
        assertThat(atC.getSyncSequence()).isEqualTo(cNext);
        for (WsDevice d : List.of(a1, a2, b1, b2, c1)) {
            d.assertNothingPending();
        }
    }

    @Test
    void heartbeatShouldBeAnsweredAndRepliesShouldComeInTheClientsEncoding() {
        WsApi.Login a = api.register("alice");
        WsDevice d = online(a);

        d.send(FrameType.HEARTBEAT, com.google.protobuf.Empty.getDefaultInstance());
        WsDevice.Frame ack = d.next(FrameType.HEARTBEAT_ACK);

        if (encoding == Encoding.JSON) {
            assertThat(ack.json()).isEqualTo("{\"type\":5,\"body\":{}}");
        } else {
            assertThat(ack.json()).as("binary in, binary out").isNull();
        }
    }

    @Test
    void aFrameBeforeSignInShouldGetKick22AndTheSocketCloses() {
        WsDevice d = WsDevice.connect(server.httpPort(), encoding);
        devices.add(d);

        d.send(FrameType.HEARTBEAT, com.google.protobuf.Empty.getDefaultInstance());

        d.expectKick(22);
    }

    @Test
    void badCredentialsShouldGetSignInAck4AndTheSocketCloses() {
        WsApi.Login a = api.register("alice");
        WsDevice d = WsDevice.connect(server.httpPort(), encoding);
        devices.add(d);

        assertThat(d.signIn(new WsApi.Login(a.account(), a.userId(), a.deviceId(), "wrong-token")).getCode()).isEqualTo(4);
        d.awaitClosed();
    }

    @Test
    void aSecondSignInOfTheSameDeviceOverTcpShouldKickTheWebSocketWith20() {
        WsApi.Login a = api.register("alice");
        WsDevice ws = online(a);

        try (TcpDevice tcp = TcpDevice.online(server.tcpPort(), a)) {
            ws.expectKick(20);
        }
    }
}
