package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.in.account.Principal;
import io.jim.application.port.out.DeliveryGateway.KickReason;
import io.jim.domain.device.DeviceId;
import io.jim.domain.user.UserId;
import io.jim.proto.FrameType;
import io.jim.proto.MessageItem;
import io.jim.proto.ResultCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry over connections whose channels are EmbeddedChannels carrying only the encoder. */
class ConnectionRegistryTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TcpMetrics metrics = new TcpMetrics(meters);
    private final ConnectionRegistry registry = new ConnectionRegistry(meters);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void release() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private Connection signedIn(long user, long device) {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketEncoder(metrics));
        channels.add(channel);
        Connection connection = new Connection(channel, new SerialExecutor(Runnable::run), metrics, 1 << 20, 16);
        // As ConnectionHandler.channelInactive does in the real pipeline.
        channel.closeFuture().addListener(f -> registry.unregister(connection));
        connection.signedIn(new Principal(UserId.of(user), DeviceId.of(device)));
        registry.register(connection);
        return connection;
    }

    private static List<Frames.Frame> written(Connection connection) {
        EmbeddedChannel channel = (EmbeddedChannel) connection.channel();
        channel.runPendingTasks();
        List<Frames.Frame> frames = new ArrayList<>();
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            frames.add(Frames.decode(b));
        }
        return frames;
    }

    private static List<Long> pushedSequences(Connection connection) {
        return written(connection).stream()
                .peek(f -> assertThat(f.type()).isEqualTo(FrameType.MESSAGE))
                .map(f -> f.as(io.jim.proto.Message.parser()))
                .peek(m -> assertThat(m.getType()).isEqualTo(MessageItems.PUSH))
                .flatMap(m -> m.getMessagesList().stream())
                .map(MessageItem::getSyncSequence)
                .toList();
    }

    @Test
    void deliverShouldPushEachCopyToEveryDeviceOfItsOwnerExceptTheSendingDevice() {
        Connection a1 = signedIn(1, 11);
        Connection a2 = signedIn(1, 12);
        Connection b1 = signedIn(2, 21);
        Connection c1 = signedIn(3, 31);

        registry.deliver(List.of(Stubs.entry(1, 5, "hi"), Stubs.entry(2, 9, "hi")), DeviceId.of(11));

        assertThat(pushedSequences(a1)).isEmpty();
        assertThat(pushedSequences(a2)).containsExactly(5L);
        assertThat(pushedSequences(b1)).containsExactly(9L);
        assertThat(pushedSequences(c1)).isEmpty();
        assertThat(meters.get("jim.tcp.pushes").counter().count()).isEqualTo(2);
    }

    @Test
    void deliverToAnOfflineOwnerShouldBeSkippedSilently() {
        registry.deliver(List.of(Stubs.entry(77, 1, "hi")), DeviceId.NONE);

        assertThat(meters.get("jim.tcp.pushes").counter().count()).isZero();
    }

    @Test
    void copyOlderThanOneAlreadyPushedShouldBeSkippedSoPushesStayInIncreasingOrder() {
        Connection a1 = signedIn(1, 11);

        registry.deliver(List.of(Stubs.entry(1, 5, "late winner")), DeviceId.NONE);
        registry.deliver(List.of(Stubs.entry(1, 4, "committed earlier, delivered later")), DeviceId.NONE);
        registry.deliver(List.of(Stubs.entry(1, 5, "same again")), DeviceId.NONE);
        registry.deliver(List.of(Stubs.entry(1, 6, "next")), DeviceId.NONE);

        assertThat(pushedSequences(a1)).containsExactly(5L, 6L);
        assertThat(meters.get("jim.tcp.pushes.skipped").counter().count()).isEqualTo(2);
    }

    @Test
    void newerConnectionOfADeviceShouldKickTheOlderWithCode20() {
        Connection older = signedIn(1, 11);
        Connection newer = signedIn(1, 11);

        assertThat(written(older)).singleElement().satisfies(f -> assertThat(f.kickCode()).isEqualTo(ResultCode.SIGNED_IN_ELSEWHERE));
        assertThat(older.channel().isOpen()).isFalse();
        assertThat(newer.channel().isOpen()).isTrue();
        assertThat(registry.onlineDevices()).isEqualTo(1);
        assertThat(registry.onlineUsers()).isEqualTo(1);

        registry.deliver(List.of(Stubs.entry(1, 3, "hi")), DeviceId.NONE);
        assertThat(pushedSequences(newer)).containsExactly(3L);
    }

    @Test
    void closingTheOlderConnectionShouldKeepTheNewerRegistered() {
        Connection older = signedIn(1, 11);
        Connection newer = signedIn(1, 11);

        registry.unregister(older); // a late close of the older connection

        assertThat(registry.isOnline(DeviceId.of(11))).isTrue();
        registry.deliver(List.of(Stubs.entry(1, 3, "hi")), DeviceId.NONE);
        assertThat(pushedSequences(newer)).containsExactly(3L);
    }

    @Test
    void closingTheOnlyConnectionShouldTakeTheDeviceOffline() {
        Connection only = signedIn(1, 11);

        only.channel().close();

        assertThat(registry.isOnline(DeviceId.of(11))).isFalse();
        assertThat(registry.onlineUsers()).isZero();
    }

    @Test
    void kickShouldSendTheReasonCodeAndClose() {
        Connection a1 = signedIn(1, 11);

        registry.kick(DeviceId.of(11), KickReason.SIGNED_OUT);

        assertThat(written(a1)).singleElement().satisfies(f -> assertThat(f.kickCode()).isEqualTo(ResultCode.SIGNED_OUT));
        assertThat(a1.channel().isOpen()).isFalse();
        assertThat(registry.isOnline(DeviceId.of(11))).isFalse();
    }

    @Test
    void kickOfAnOfflineDeviceShouldDoNothing() {
        registry.kick(DeviceId.of(404), KickReason.SIGNED_OUT);

        assertThat(registry.onlineDevices()).isZero();
    }

    @Test
    void gaugesShouldCountOnlineDevicesAndUsers() {
        signedIn(1, 11);
        signedIn(1, 12);
        signedIn(2, 21);

        assertThat(meters.get("jim.tcp.devices.online").gauge().value()).isEqualTo(3);
        assertThat(meters.get("jim.tcp.users.online").gauge().value()).isEqualTo(2);
    }
}
