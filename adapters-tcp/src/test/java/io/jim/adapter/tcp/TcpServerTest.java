package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.in.message.AckInboxUseCase;
import io.jim.application.port.in.message.InboxPage;
import io.jim.application.port.in.message.SendMessageUseCase;
import io.jim.application.port.in.message.SyncInboxUseCase;
import io.jim.application.port.out.DeliveryGateway.KickReason;
import io.jim.domain.device.DeviceId;
import io.jim.proto.FrameType;
import io.jim.proto.MessageACK;
import io.jim.proto.MessageSendACK;
import io.jim.proto.ResultCode;
import io.jim.proto.SignInACK;
import io.jim.proto.SyncTrigger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real server on a random port, with stub use cases, driven by plain blocking sockets. */
class TcpServerTest {

    private static final TcpConfig BASE = TcpConfig.DEFAULTS.withBindAddress("127.0.0.1").withPort(0).withIoThreads(2)
            .withShutdownTimeout(Duration.ofSeconds(3));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConnectionRegistry registry = new ConnectionRegistry(meters);
    private final List<TestClient> clients = new ArrayList<>();
    private TcpServer server;

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        if (server != null) {
            server.stop();
        }
    }

    private int start(TcpConfig config) {
        return start(config, Stubs.SEND, Stubs.SYNC_EMPTY, new Stubs.RecordingAck());
    }

    private int start(TcpConfig config, SendMessageUseCase send, SyncInboxUseCase sync, AckInboxUseCase ack) {
        server = new TcpServer(config, Stubs.SIGN_IN, send, sync, ack, registry, meters);
        int port = server.start();
        assertThat(port).isPositive().isEqualTo(server.port());
        return port;
    }

    private TestClient client(int port) {
        TestClient client = TestClient.connect(port);
        clients.add(client);
        return client;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5); // polling interval, not a stand-in for synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void validSignInAndHeartbeatShouldBeAnswered() {
        TestClient client = client(start(BASE));

        SignInACK ack = client.signIn(1, 2);
        client.write(Frames.heartbeat());

        assertThat(ack.getMaxSequence()).isEqualTo(Stubs.MAX_SEQUENCE);
        assertThat(ack.getServerTime()).isEqualTo(Stubs.SERVER_TIME.toEpochMilli());
        assertThat(client.read().type()).isEqualTo(FrameType.HEARTBEAT_ACK);
        assertThat(registry.isOnline(DeviceId.of(1))).isTrue();
    }

    @Test
    void badCredentialsShouldGetSignInAck4AndThenBeClosed() {
        TestClient client = client(start(BASE));

        client.write(Frames.signIn(1, 2, "stolen"));

        assertThat(client.readUntilClosed()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FrameType.SIGN_IN_ACK);
            assertThat(f.as(SignInACK.parser()).getCode()).isEqualTo(ResultCode.UNAUTHENTICATED);
        });
        assertThat(registry.onlineDevices()).isZero();
    }

    @Test
    void silentConnectionShouldBeClosedAfterTheHeartbeatTimeout() {
        TestClient client = client(start(BASE.withHeartbeatTimeout(Duration.ofMillis(300))));
        client.signIn(1, 2);

        assertThat(client.readUntilClosed()).isEmpty();
        await(() -> !registry.isOnline(DeviceId.of(1)), "the device is offline");
    }

    @Test
    void connectionWithoutSignInShouldBeKickedAfterTheSignInTimeout() {
        TestClient client = client(start(BASE.withSignInTimeout(Duration.ofMillis(200))));

        assertThat(client.readUntilClosed()).singleElement().satisfies(f -> assertThat(f.kickCode()).isEqualTo(ResultCode.PROTOCOL_ERROR));
        await(() -> server.openConnections() == 0, "the connection is gone");
    }

    @Test
    void secondSignInOfADeviceShouldKickTheOlderConnectionAndKeepTheNewerOnline() {
        int port = start(BASE);
        TestClient older = client(port);
        older.signIn(1, 2);
        TestClient newer = client(port);
        newer.signIn(1, 2);

        assertThat(older.readUntilClosed()).singleElement().satisfies(f -> assertThat(f.kickCode()).isEqualTo(ResultCode.SIGNED_IN_ELSEWHERE));
        await(() -> server.openConnections() == 1, "the older connection is closed on the server");
        assertThat(registry.isOnline(DeviceId.of(1))).isTrue();

        registry.deliver(List.of(Stubs.entry(2, 8, "still here")), DeviceId.NONE);
        io.jim.proto.Message push = newer.read().as(io.jim.proto.Message.parser());
        assertThat(push.getType()).isEqualTo(MessageItems.PUSH);
        assertThat(push.getMessages(0).getSyncSequence()).isEqualTo(8);
    }

    @Test
    void kickThroughTheRegistryShouldSendTheReasonAndClose() {
        TestClient client = client(start(BASE));
        client.signIn(1, 2);

        registry.kick(DeviceId.of(1), KickReason.SIGNED_OUT);

        assertThat(client.readUntilClosed()).singleElement().satisfies(f -> assertThat(f.kickCode()).isEqualTo(ResultCode.SIGNED_OUT));
    }

    @Test
    void stopShouldKickEveryConnectionWithCode23() {
        int port = start(BASE);
        TestClient signedIn = client(port);
        signedIn.signIn(1, 2);
        TestClient anonymous = client(port);
        await(() -> server.openConnections() == 2, "both connections are accepted");

        server.stop();

        assertThat(signedIn.readUntilClosed()).singleElement().satisfies(f -> assertThat(f.kickCode()).isEqualTo(ResultCode.SERVER_SHUTDOWN));
        assertThat(anonymous.readUntilClosed()).singleElement().satisfies(f -> assertThat(f.kickCode()).isEqualTo(ResultCode.SERVER_SHUTDOWN));
    }

    @Test
    void repliesShouldKeepFrameOrderUnderASlowUseCase() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        int sends = 20;
        // Earlier sends are slower: run in parallel, later acks would overtake earlier ones.
        SendMessageUseCase slow = command -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep((sends + 1 - command.sendSequence().value()) * 3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return Stubs.receiptFor(command.sendSequence().value());
        };
        TestClient client = client(start(BASE, slow, Stubs.SYNC_EMPTY, new Stubs.RecordingAck()));
        client.signIn(1, 2);

        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 1; i <= sends; i++) {
            burst.writeBytes(Frames.send(i));
            burst.writeBytes(Frames.heartbeat());
        }
        client.write(burst.toByteArray());

        List<Long> acked = new ArrayList<>();
        for (int i = 1; i <= sends; i++) {
            Frames.Frame ack = client.read();
            assertThat(ack.type()).isEqualTo(FrameType.MESSAGE_SEND_ACK);
            acked.add(ack.as(MessageSendACK.parser()).getSendSequence());
            assertThat(client.read().type()).as("heartbeat answered after the send before it").isEqualTo(FrameType.HEARTBEAT_ACK);
        }
        assertThat(acked).isSorted().hasSize(sends).doesNotHaveDuplicates();
        assertThat(maxInFlight.get()).isEqualTo(1);
    }

    @Test
    void messageAckShouldTakeEffectBeforeTheNextFrameIsAnswered() {
        List<Long> acked = new CopyOnWriteArrayList<>();
        AckInboxUseCase slowAck = (device, sequence) -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            acked.add(sequence);
        };
        // The sync answer reveals what the ack had recorded by the time the SyncTrigger was processed.
        SyncInboxUseCase sync = query -> new InboxPage(acked.isEmpty() ? List.of() : List.of(Stubs.entry(2, acked.getLast(), "x")), false);
        TestClient client = client(start(BASE, Stubs.SEND, sync, slowAck));
        client.signIn(1, 2);

        client.write(Frames.concat(Frames.bytes(FrameType.MESSAGE_ACK, MessageACK.newBuilder().setMessageId(1).setSyncSequence(6).build()),
                Frames.bytes(FrameType.SYNC_TRIGGER, SyncTrigger.newBuilder().setSyncSequence(0).build())));

        io.jim.proto.Message batch = client.read().as(io.jim.proto.Message.parser());
        assertThat(batch.getMessagesList()).singleElement().satisfies(i -> assertThat(i.getSyncSequence()).isEqualTo(6));
    }

    /**
     * Pushes one 30 KB copy after another, each time giving the server a moment to hand the previous one to
     * the socket: a client that reads keeps the backlog at zero, one that does not fills the kernel buffers
     * and then the server's. Returns how many pushes were made before the device went offline (or all).
     */
    private long pacedPushes(DeviceId device, int maxPushes) {
        String content = "z".repeat(30_000);
        long sequence = 0;
        while (sequence < maxPushes && registry.isOnline(device)) {
            registry.deliver(List.of(Stubs.entry(2, ++sequence, content)), DeviceId.NONE);
            Connection connection = registry.connectionOf(device);
            long deadline = System.nanoTime() + Duration.ofMillis(200).toNanos();
            while (connection != null && connection.isOpen() && connection.pendingOutboundBytes() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
        return sequence;
    }

    @Test
    void clientThatDoesNotReadShouldBeClosedOnceItsOutboundCapIsExceeded() {
        int port = start(BASE.withMaxOutboundBytesPerConnection(128 * 1024));
        TestClient client = TestClient.connect(port, 4096);
        clients.add(client);
        client.signIn(1, 2);

        long pushes = pacedPushes(DeviceId.of(1), 5_000);

        // The overflow closes the channel at once; the registry forgets it when the event loop has run the
        // close (later pushes to the closing channel are dropped, so the loop may run on until then).
        assertThat(meters.get("jim.tcp.outbound.overflows").counter().count()).as("overflows after %d pushes", pushes).isEqualTo(1);
        await(() -> !registry.isOnline(DeviceId.of(1)), "the device is offline");
        await(() -> server.openConnections() == 0, "the connection is closed on the server");
        assertThat(meters.get("jim.tcp.outbound.overflows").counter().count()).isEqualTo(1);
    }

    @Test
    void clientThatReadsShouldGetEveryPushInOrderUnderTheSameCap() throws Exception {
        int port = start(BASE.withMaxOutboundBytesPerConnection(128 * 1024));
        TestClient client = client(port);
        client.signIn(1, 2);
        int total = 300;
        List<Long> received = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            while (received.size() < total) {
                received.add(client.read().as(io.jim.proto.Message.parser()).getMessages(0).getSyncSequence());
            }
        });

        long pushes = pacedPushes(DeviceId.of(1), total);
        reader.join(Duration.ofSeconds(10));

        assertThat(pushes).isEqualTo(total);
        assertThat(registry.isOnline(DeviceId.of(1))).isTrue();
        assertThat(received).hasSize(total).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void nioTransportShouldServeToo() {
        TestClient client = client(start(BASE.withPreferEpoll(false)));

        client.signIn(1, 2);
        client.write(Frames.send(1));

        assertThat(client.read().as(MessageSendACK.parser()).getMessageId()).isEqualTo(1001);
    }

    @Test
    void connectionsShouldBeCountedByTheGauge() {
        int port = start(BASE);
        client(port).signIn(1, 2);
        client(port);

        await(() -> meters.get("jim.tcp.connections").gauge().value() == 2, "the gauge shows both connections");
    }
}
