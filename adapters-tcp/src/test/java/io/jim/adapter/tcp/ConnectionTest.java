package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.in.account.Principal;
import io.jim.domain.device.DeviceId;
import io.jim.domain.user.UserId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayDeque;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    private final TcpMetrics metrics = new TcpMetrics(new SimpleMeterRegistry());
    private final EmbeddedChannel channel = new EmbeddedChannel(new PacketEncoder(metrics));
    /** An executor that runs nothing until the test says so, to let the frame queue build up. */
    private final Queue<Runnable> held = new ArrayDeque<>();

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    private Connection connection(int maxQueuedFrames) {
        return new Connection(channel, new SerialExecutor(held::add), metrics, 1 << 20, maxQueuedFrames);
    }

    private void runHeld() {
        for (Runnable r = held.poll(); r != null; r = held.poll()) {
            r.run();
        }
    }

    @Test
    void fullFrameQueueShouldStopReadingUntilHalfOfItIsProcessed() {
        Connection connection = connection(4);
        for (int i = 0; i < 3; i++) {
            connection.enqueue(() -> { });
        }
        assertThat(channel.config().isAutoRead()).isTrue();

        connection.enqueue(() -> { });
        assertThat(channel.config().isAutoRead()).isFalse();

        runHeld();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void readingStoppedAfterAProtocolErrorShouldNotBeResumedByDrainingTheQueue() {
        Connection connection = connection(4);
        for (int i = 0; i < 4; i++) {
            connection.enqueue(() -> { });
        }
        connection.stopReading();

        runHeld();

        assertThat(channel.config().isAutoRead()).isFalse();
    }

    @Test
    void outboundByteCountShouldReturnToZeroOnceWritten() {
        Connection connection = connection(4);
        connection.signedIn(new Principal(UserId.of(1), DeviceId.of(2)));

        assertThat(connection.send(Packet.HEARTBEAT_ACK)).isTrue();
        assertThat(connection.push(1, new Packet(io.jim.proto.FrameType.MESSAGE, MessageItems.push(Stubs.entry(1, 1, "x")))))
                .isEqualTo(Connection.PushResult.SENT);

        assertThat(connection.pendingOutboundBytes()).isZero();
        assertThat(channel.outboundMessages()).hasSize(2);
    }

    @Test
    void sendThatWouldPassTheCapShouldCloseTheConnection() {
        Connection connection = new Connection(channel, new SerialExecutor(held::add), metrics, 10, 4);

        assertThat(connection.send(Packet.kick(22, "a frame bigger than ten bytes"))).isFalse();

        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.outboundMessages()).isEmpty();
    }

    @Test
    void signInCompletingAfterTheDeadlineShouldNotSignTheConnectionIn() {
        Connection connection = connection(4);

        assertThat(connection.expireSignIn()).isTrue();

        assertThat(connection.signedIn(new Principal(UserId.of(1), DeviceId.of(2)))).isFalse();
        assertThat(connection.state()).isEqualTo(Connection.State.CLOSING);
    }

    @Test
    void pushBeforeSignInShouldBeDropped() {
        Connection connection = connection(4);

        assertThat(connection.push(1, Packet.HEARTBEAT_ACK)).isEqualTo(Connection.PushResult.DROPPED);
    }
}
