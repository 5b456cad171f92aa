package io.jim.bootstrap.e2e.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.adapter.tcp.ConnectionRegistry;
import io.jim.bootstrap.e2e.TestDatabase;
import io.jim.domain.device.DeviceId;
import io.jim.proto.FrameType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** PROTOCOL.md 4.1, liveness: a server with a one-second heartbeat timeout closes silent connections only. */
@ParameterizedClass(name = "[{0}]")
@EnumSource(TestDatabase.Kind.class)
class IdleTimeoutTcpTest {

    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(1);

    private static Jim jim;

    /** The database of this run (the class runs once per kind, with its own server). */
    @Parameter
    TestDatabase.Kind database;

    @BeforeParameterizedClassInvocation
    static void startServer(TestDatabase.Kind kind) {
        jim = Jim.start(kind, Map.of("JIM_HEARTBEAT_TIMEOUT_SECONDS", Long.toString(HEARTBEAT_TIMEOUT.toSeconds())));
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

    private static boolean isOnline(Device device) {
        return jim.server().injector().getInstance(ConnectionRegistry.class).isOnline(DeviceId.of(device.deviceId()));
    }

    @Test
    void connectionSilentForTheHeartbeatTimeoutShouldBeClosedAndItsDeviceGoOffline() throws InterruptedException {
        Device silent = jim.online(jim.register("silent"));
        silent.assertNothingPending(); // registration completes before the next frame is answered
        assertThat(isOnline(silent)).isTrue();

        assertThat(silent.wire().readUntilClosed()).as("closed without any frame").isEmpty();

        // The client sees the close before the server has necessarily run its close handler: poll, bounded.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (isOnline(silent) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(isOnline(silent)).as("the device went offline").isFalse();
    }

    @Test
    void anyFrameShouldCountAsLivenessAndKeepAConnectionOpenPastTheTimeout() throws InterruptedException {
        Device busy = jim.online(jim.register("busy"));
        long start = System.nanoTime();

        int round = 0;
        while (System.nanoTime() - start < HEARTBEAT_TIMEOUT.multipliedBy(5).dividedBy(2).toNanos()) {
            // What is tested is the passage of time itself: a frame every 300 ms, well within the 1 s timeout.
            Thread.sleep(300);
            if (round++ % 2 == 0) {
                busy.write(Wire.heartbeat());
                assertThat(busy.wire().read().type()).isEqualTo(FrameType.HEARTBEAT_ACK);
            } else {
                assertThat(busy.sync(0, 1).getHasMore()).isFalse();
            }
        }

        busy.assertNothingPending();
        assertThat(isOnline(busy)).isTrue();
    }
}
