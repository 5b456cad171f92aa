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
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WebSocket and TCP connections are the same kind of connection: they meet in one registry and one set of rules. */
class MixedTransportsTest {

    private static TestDatabase db;
    private static JimServer server;
    private static WsApi api;

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

    @Test
    void aUserSignedInOverTcpOnOneDeviceAndWebSocketOnAnotherShouldGetEveryMessageOnBoth() {
        WsApi.Login a1s = api.register("alice");
        WsApi.Login a2s = api.login(a1s.account());
        WsApi.Login b1s = api.register("bob");
        WsApi.Login b2s = api.login(b1s.account());
        api.befriend(a1s, b1s);
        try (TcpDevice a1 = TcpDevice.online(server.tcpPort(), a1s);
             WsDevice a2 = WsDevice.online(server.httpPort(), Encoding.JSON, a2s);
             WsDevice b1 = WsDevice.online(server.httpPort(), Encoding.BINARY, b1s);
             TcpDevice b2 = TcpDevice.online(server.tcpPort(), b2s)) {

            a1.send(FrameType.MESSAGE_SEND, MessageSend.newBuilder().setReceiverType(1).setReceiverId(b1s.userId()).setType(1)
                    .setContent("from tcp").setSendSequence(1).build());
            MessageSendACK ack = a1.next(FrameType.MESSAGE_SEND_ACK).as(MessageSendACK.class);
            assertThat(ack.getCode()).isZero();
            assertThat(a2.push().getMessageId()).isEqualTo(ack.getMessageId());
            assertThat(b1.push().getMessageId()).isEqualTo(ack.getMessageId());
            assertThat(b2.push().getMessageId()).isEqualTo(ack.getMessageId());

            MessageSendACK back = b1.sendOk(MessageSend.newBuilder().setReceiverType(1).setReceiverId(a1s.userId()).setType(1)
                    .setContent("from ws").setSendSequence(1).build());
            MessageItem atA1 = a1.push();
            assertThat(atA1.getMessageId()).isEqualTo(back.getMessageId());
            assertThat(atA1.getContent()).isEqualTo("from ws");
            assertThat(a2.push().getMessageId()).isEqualTo(back.getMessageId());
            assertThat(b2.push().getMessageId()).isEqualTo(back.getMessageId());
        }
    }

    @Test
    void aBinaryMessageHoldingTwoFramesShouldGetKick22() {
        WsApi.Login a = api.register("alice");
        try (WsDevice d = WsDevice.online(server.httpPort(), Encoding.BINARY, a)) {
            byte[] one = WsDevice.tlv(FrameType.HEARTBEAT, com.google.protobuf.Empty.getDefaultInstance());
            d.sendBinary(ByteBuffer.allocate(8).put(one).put(one).array());
            d.expectKick(22);
        }
    }

    @Test
    void textThatIsNotAJsonFrameShouldGetKick22InJson() {
        WsApi.Login a = api.register("alice");
        try (WsDevice d = WsDevice.online(server.httpPort(), Encoding.JSON, a)) {
            d.sendText("{\"type\": \"heartbeat\"}");
            WsDevice.Frame kick = d.next(FrameType.KICK);
            assertThat(kick.json()).as("the kick comes in the client's encoding").contains("\"code\":22");
            d.awaitClosed();
        }
    }

    @Test
    void jsonShouldAcceptCamelCaseFieldNamesAndNumbersForInt64() {
        WsApi.Login a = api.register("alice");
        try (WsDevice d = WsDevice.connect(server.httpPort(), Encoding.JSON)) {
            d.sendText("{\"type\":1,\"body\":{\"userId\":" + a.userId() + ",\"deviceId\":\"" + a.deviceId() + "\",\"token\":\"" + a.token() + "\"}}");
            WsDevice.Frame ack = d.next(FrameType.SIGN_IN_ACK);
            assertThat(ack.json()).contains("\"code\":0").contains("\"max_sequence\":\"");
        }
    }
}
