package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.jim.proto.FrameType;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slowloris over TCP, on the real server: a peer that never completes a frame costs one idle socket
 * until a timer closes it, and no thread (framing happens on the event loop as bytes arrive; nothing
 * waits for the rest). Meanwhile other clients are served.
 */
class SlowClientTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TcpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private int start(TcpConfig config) {
        server = new TcpServer(config.withBindAddress("127.0.0.1").withPort(0).withIoThreads(1).withShutdownTimeout(Duration.ofSeconds(3)),
                Stubs.SIGN_IN, Stubs.SEND, Stubs.SYNC_EMPTY, new Stubs.RecordingAck(), new ConnectionRegistry(meters), meters);
        return server.start();
    }

    @Test
    void threeOfFourHeaderBytesShouldBeClosedAtTheSignInTimeoutWhileOthersAreServed() {
        int port = start(TcpConfig.DEFAULTS.withSignInTimeout(Duration.ofMillis(300)));
        try (TestClient slow = TestClient.connect(port); TestClient good = TestClient.connect(port)) {
            slow.write(Arrays.copyOf(Frames.signIn(1, 2, Stubs.GOOD_TOKEN), 3));

            good.signIn(3, 4);
            good.write(Frames.heartbeat());
            assertThat(good.read().type()).isEqualTo(FrameType.HEARTBEAT_ACK);

            // TestClient reads give up after 10 s: the server must close well before.
            assertThat(slow.readUntilClosed()).allSatisfy(f -> assertThat(f.type()).isEqualTo(FrameType.KICK));
        }
    }

    @Test
    void aSignedInClientStallingMidFrameShouldBeClosedAtTheHeartbeatTimeout() {
        int port = start(TcpConfig.DEFAULTS.withHeartbeatTimeout(Duration.ofMillis(500)));
        try (TestClient slow = TestClient.connect(port)) {
            slow.signIn(1, 2);
            byte[] send = Frames.send(1);
            slow.write(Arrays.copyOf(send, send.length - 1));

            assertThat(slow.readUntilClosed()).isEmpty();
        }
    }
}
