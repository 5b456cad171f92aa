package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import io.jim.adapter.tcp.ws.WireBridge;
import io.jim.application.port.out.DeliveryGateway.KickReason;
import io.jim.application.port.out.WireSession;
import io.jim.application.port.out.WireSink;
import io.jim.domain.device.DeviceId;
import io.jim.proto.FrameType;
import io.jim.proto.Kick;
import io.jim.proto.ResultCode;
import io.jim.proto.SignIn;
import io.jim.proto.SignInACK;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridge over a real {@link TcpServer} with stub use cases: WebSocket sessions are ordinary connections of its pipeline. */
class WireBridgeTest {

    /** What the bridge hands to the transport: binary frames and JSON texts in order, and whether it closed. */
    static final class RecordingSink implements WireSink {
        final BlockingQueue<Object> out = new LinkedBlockingQueue<>();
        final CountDownLatch closed = new CountDownLatch(1);
        final AtomicInteger concurrent = new AtomicInteger();
        volatile boolean overlapped;

        private void enter() {
            if (concurrent.incrementAndGet() > 1) {
                overlapped = true;
            }
        }

        @Override
        public void sendBinary(byte[] frame) {
            enter();
            out.add(frame);
            concurrent.decrementAndGet();
        }

        @Override
        public void sendText(String json) {
            enter();
            out.add(json);
            concurrent.decrementAndGet();
        }

        @Override
        public void close() {
            closed.countDown();
        }

        Object next() throws InterruptedException {
            Object o = out.poll(10, TimeUnit.SECONDS);
            assertThat(o).as("a frame from the server").isNotNull();
            return o;
        }

        byte[] nextBinary() throws InterruptedException {
            Object o = next();
            assertThat(o).isInstanceOf(byte[].class);
            return (byte[]) o;
        }

        String nextText() throws InterruptedException {
            Object o = next();
            assertThat(o).isInstanceOf(String.class);
            return (String) o;
        }

        void awaitClosed() throws InterruptedException {
            assertThat(closed.await(10, TimeUnit.SECONDS)).as("the sink is closed").isTrue();
        }
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConnectionRegistry registry = new ConnectionRegistry(meters);
    private TcpServer server;
    private WireBridge bridge;

    @BeforeEach
    void start() {
        server = new TcpServer(TcpConfig.DEFAULTS.withBindAddress("127.0.0.1").withPort(0).withIoThreads(2)
                .withShutdownTimeout(Duration.ofSeconds(3)), Stubs.SIGN_IN, Stubs.SEND, Stubs.SYNC_EMPTY, new Stubs.RecordingAck(), registry, meters);
        server.start();
        bridge = new WireBridge(server);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static byte[] tlv(int type, Message body) {
        byte[] b = body.toByteArray();
        return ByteBuffer.allocate(4 + b.length).putShort((short) type).putShort((short) b.length).put(b).array();
    }

    private static byte[] signIn(long device) {
        return tlv(FrameType.SIGN_IN, SignIn.newBuilder().setUserId(1).setDeviceId(device).setToken(Stubs.GOOD_TOKEN).build());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting until " + what).isLessThan(deadline);
            Thread.sleep(5); // polling interval, not a stand-in for synchronisation
        }
    }

    @Test
    void binaryFramesShouldGoThroughThePipelineAndEachReplyShouldBeOneWholeFrame() throws Exception {
        RecordingSink sink = new RecordingSink();
        WireSession session = bridge.open(sink, "10.0.0.1:1234");

        session.receiveBinary(signIn(11));
        byte[] ack = sink.nextBinary();
        session.receiveBinary(tlv(FrameType.HEARTBEAT, Empty.getDefaultInstance()));

        assertThat(ByteBuffer.wrap(ack).getShort()).isEqualTo((short) FrameType.SIGN_IN_ACK);
        SignInACK parsed = SignInACK.parseFrom(ByteBuffer.wrap(ack, 4, ack.length - 4));
        assertThat(parsed.getCode()).isZero();
        assertThat(parsed.getMaxSequence()).isEqualTo(Stubs.MAX_SEQUENCE);
        assertThat(sink.nextBinary()).containsExactly(0, 5, 0, 0);
        assertThat(registry.isOnline(DeviceId.of(11))).as("registered like any connection").isTrue();
    }

    @Test
    void jsonFramesShouldBeAnsweredInJsonAndTheEncodingShouldFollowTheClientsLastMessage() throws Exception {
        RecordingSink sink = new RecordingSink();
        WireSession session = bridge.open(sink, "10.0.0.1:1234");

        session.receiveText("{\"type\":1,\"body\":{\"user_id\":1,\"device_id\":12,\"token\":\"" + Stubs.GOOD_TOKEN + "\"}}");
        assertThat(sink.nextText()).isEqualTo("{\"type\":2,\"body\":{\"code\":0,\"message\":\"\",\"max_sequence\":\"7\",\"server_time\":\""
                + Stubs.SERVER_TIME.toEpochMilli() + "\"}}");
        session.receiveBinary(tlv(FrameType.HEARTBEAT, Empty.getDefaultInstance()));
        assertThat(sink.nextBinary()).containsExactly(0, 5, 0, 0);
        session.receiveText("{\"type\":6,\"body\":{\"receiver_type\":1,\"receiver_id\":2,\"type\":1,\"content\":\"hi\",\"send_sequence\":4}}");
        assertThat(sink.nextText()).startsWith("{\"type\":7,\"body\":{\"send_sequence\":\"4\",\"code\":0,").contains("\"message_id\":\"1004\"");
    }

    @Test
    void pushesAndKicksOfTheRegistryShouldReachTheSinkAndAKickShouldCloseIt() throws Exception {
        RecordingSink sink = new RecordingSink();
        WireSession session = bridge.open(sink, "10.0.0.1:1234");
        session.receiveBinary(signIn(13));
        sink.nextBinary();

        registry.deliver(List.of(Stubs.entry(1, 8, "pushed")), DeviceId.NONE);
        byte[] push = sink.nextBinary();
        registry.kick(DeviceId.of(13), KickReason.SIGNED_OUT);
        byte[] kick = sink.nextBinary();

        assertThat(io.jim.proto.Message.parseFrom(ByteBuffer.wrap(push, 4, push.length - 4)).getMessages(0).getContent()).isEqualTo("pushed");
        assertThat(Kick.parseFrom(ByteBuffer.wrap(kick, 4, kick.length - 4)).getCode()).isEqualTo(ResultCode.SIGNED_OUT);
        sink.awaitClosed();
        assertThat(sink.overlapped).as("the sink is called by one thread at a time").isFalse();
    }

    @Test
    void aBinaryMessageThatIsNotExactlyOneFrameShouldGetKick22AndClose() throws Exception {
        RecordingSink sink = new RecordingSink();
        WireSession session = bridge.open(sink, "10.0.0.1:1234");
        session.receiveBinary(signIn(14));
        sink.nextBinary();

        session.receiveBinary(new byte[] {0, 4, 0, 0, 0, 4, 0, 0});

        byte[] kick = sink.nextBinary();
        assertThat(Kick.parseFrom(ByteBuffer.wrap(kick, 4, kick.length - 4)).getCode()).isEqualTo(ResultCode.PROTOCOL_ERROR);
        sink.awaitClosed();
        await(() -> !registry.isOnline(DeviceId.of(14)), "the device is offline");
    }

    @Test
    void textThatIsNotAJsonFrameShouldGetKick22InJsonAndClose() throws Exception {
        RecordingSink sink = new RecordingSink();
        WireSession session = bridge.open(sink, "10.0.0.1:1234");

        session.receiveText("{\"type\":\"SignIn\"}");

        assertThat(sink.nextText()).startsWith("{\"type\":10,\"body\":{\"code\":22,");
        sink.awaitClosed();
    }

    @Test
    void theServersRulesShouldApplyUnchangedAFrameBeforeSignInGetsKick22() throws Exception {
        RecordingSink sink = new RecordingSink();
        WireSession session = bridge.open(sink, "10.0.0.1:1234");

        session.receiveBinary(tlv(FrameType.MESSAGE_SEND, Empty.getDefaultInstance()));

        byte[] kick = sink.nextBinary();
        assertThat(Kick.parseFrom(ByteBuffer.wrap(kick, 4, kick.length - 4)).getCode()).isEqualTo(ResultCode.PROTOCOL_ERROR);
        sink.awaitClosed();
    }

    @Test
    void closingTheSessionShouldTakeTheDeviceOffline() throws Exception {
        RecordingSink sink = new RecordingSink();
        WireSession session = bridge.open(sink, "10.0.0.1:1234");
        session.receiveBinary(signIn(15));
        sink.nextBinary();
        // The SignInACK is written just before the connection is registered for pushes: wait for both.
        await(() -> registry.isOnline(DeviceId.of(15)), "the device is online");

        session.close();

        await(() -> !registry.isOnline(DeviceId.of(15)), "the device is offline");
        sink.awaitClosed();
        session.close(); // idempotent
        session.receiveBinary(signIn(15)); // ignored once closed
        assertThat(registry.isOnline(DeviceId.of(15))).isFalse();
    }

    @Test
    void stoppingTheServerShouldKickWith23AndRefuseNewSessions() throws Exception {
        RecordingSink sink = new RecordingSink();
        WireSession session = bridge.open(sink, "10.0.0.1:1234");
        session.receiveText("{\"type\":1,\"body\":{\"user_id\":1,\"device_id\":16,\"token\":\"" + Stubs.GOOD_TOKEN + "\"}}");
        sink.nextText();
        await(() -> registry.isOnline(DeviceId.of(16)), "the device is online");

        server.stop();

        assertThat(sink.nextText()).startsWith("{\"type\":10,\"body\":{\"code\":23,");
        sink.awaitClosed();
        assertThatThrownBy(() -> bridge.open(new RecordingSink(), "10.0.0.1:1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void openingBeforeTheServerStartsShouldBeRefused() {
        TcpServer notStarted = new TcpServer(TcpConfig.DEFAULTS.withPort(0), Stubs.SIGN_IN, Stubs.SEND, Stubs.SYNC_EMPTY,
                new Stubs.RecordingAck(), new ConnectionRegistry(new SimpleMeterRegistry()), new SimpleMeterRegistry());

        assertThatThrownBy(() -> new WireBridge(notStarted).open(new RecordingSink(), "x")).isInstanceOf(IllegalStateException.class);
        notStarted.stop();
    }

    @Test
    void sessionsShouldCountAgainstTheServersConnectionLimit() throws Exception {
        server.stop();
        server = new TcpServer(TcpConfig.DEFAULTS.withBindAddress("127.0.0.1").withPort(0).withIoThreads(1).withMaxConnections(1)
                .withShutdownTimeout(Duration.ofSeconds(3)), Stubs.SIGN_IN, Stubs.SEND, Stubs.SYNC_EMPTY, new Stubs.RecordingAck(), registry, meters);
        server.start();
        bridge = new WireBridge(server);
        RecordingSink first = new RecordingSink();
        bridge.open(first, "a").receiveBinary(signIn(17));
        first.nextBinary();

        RecordingSink second = new RecordingSink();
        bridge.open(second, "b");

        second.awaitClosed();
        assertThat(first.closed.getCount()).as("the first stays").isEqualTo(1);
    }
}
