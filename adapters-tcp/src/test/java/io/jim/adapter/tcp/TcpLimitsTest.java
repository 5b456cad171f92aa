package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.config.RateLimit;
import io.jim.proto.FrameType;
import io.jim.proto.ResultCode;
import io.jim.proto.SignInACK;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The TCP resource limits through the real pipeline on EmbeddedChannels sharing one initializer (as the
 * server's connections do): connections per server, per user, frames per second (with a time source the
 * test moves, so no sleeping).
 */
class TcpLimitsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TcpMetrics metrics = new TcpMetrics(meters);
    private final ConnectionRegistry registry = new ConnectionRegistry(meters);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private TcpChannelInitializer initializer;

    @AfterEach
    void release() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private void server(TcpConfig config) {
        FrameDispatcher dispatcher = new FrameDispatcher(new SignInProcessor(Stubs.SIGN_IN), new MessageSendProcessor(Stubs.SEND, metrics),
                new SyncProcessor(Stubs.SYNC_EMPTY, metrics), new MessageAckProcessor(new Stubs.RecordingAck()), registry,
                config.maxConnectionsPerUser(), metrics);
        initializer = new TcpChannelInitializer(config, Runnable::run, metrics, registry, dispatcher, c -> { }, now::get);
    }

    private EmbeddedChannel connect() {
        EmbeddedChannel channel = new EmbeddedChannel(initializer);
        channels.add(channel);
        return channel;
    }

    private static List<Frames.Frame> feed(EmbeddedChannel channel, byte[] bytes) {
        channel.writeInbound(Frames.buf(bytes));
        channel.runPendingTasks();
        List<Frames.Frame> frames = new ArrayList<>();
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            frames.add(Frames.decode(b));
        }
        return frames;
    }

    private static int signInCode(List<Frames.Frame> frames) {
        assertThat(frames).first().extracting(Frames.Frame::type).isEqualTo(FrameType.SIGN_IN_ACK);
        return frames.getFirst().as(SignInACK.parser()).getCode();
    }

    private double counter(String name, String tag, String value) {
        return meters.get(name).tag(tag, value).counter().count();
    }

    @Test
    void aConnectionPastTheServerLimitShouldBeClosedAtOnceAndCounted() {
        server(TcpConfig.DEFAULTS.withMaxConnections(2));
        EmbeddedChannel first = connect();
        EmbeddedChannel second = connect();

        EmbeddedChannel third = connect();

        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isTrue();
        assertThat(third.isOpen()).isFalse();
        assertThat(third.pipeline().get("connection")).as("no pipeline for a refused connection").isNull();
        assertThat(counter("jim.tcp.connections.refused", "reason", "server_limit")).isEqualTo(1);
    }

    @Test
    void aClosedConnectionShouldFreeItsPlaceUnderTheServerLimit() {
        server(TcpConfig.DEFAULTS.withMaxConnections(1));
        EmbeddedChannel first = connect();
        first.close();

        EmbeddedChannel second = connect();

        assertThat(second.isOpen()).isTrue();
        assertThat(signInCode(feed(second, Frames.signIn(1, 2, Stubs.GOOD_TOKEN)))).isZero();
    }

    @Test
    void aSignInPastTheUsersConnectionLimitShouldGetSignInAck9AndBeClosed() {
        server(TcpConfig.DEFAULTS.withMaxConnectionsPerUser(2));
        assertThat(signInCode(feed(connect(), Frames.signIn(11, 2, Stubs.GOOD_TOKEN)))).isZero();
        assertThat(signInCode(feed(connect(), Frames.signIn(12, 2, Stubs.GOOD_TOKEN)))).isZero();

        EmbeddedChannel third = connect();
        List<Frames.Frame> answer = feed(third, Frames.signIn(13, 2, Stubs.GOOD_TOKEN));

        assertThat(answer).hasSize(1);
        assertThat(signInCode(answer)).isEqualTo(ResultCode.RATE_LIMITED);
        assertThat(third.isOpen()).isFalse();
        assertThat(registry.onlineDevices()).isEqualTo(2);
        assertThat(counter("jim.tcp.connections.refused", "reason", "user_limit")).isEqualTo(1);
        assertThat(signInCode(feed(connect(), Frames.signIn(21, 3, Stubs.GOOD_TOKEN)))).as("another user").isZero();
    }

    @Test
    void aDeviceReconnectingShouldNotCountAgainstItsUsersLimit() {
        server(TcpConfig.DEFAULTS.withMaxConnectionsPerUser(2));
        EmbeddedChannel older = connect();
        feed(older, Frames.signIn(11, 2, Stubs.GOOD_TOKEN));
        feed(connect(), Frames.signIn(12, 2, Stubs.GOOD_TOKEN));

        EmbeddedChannel newer = connect();
        assertThat(signInCode(feed(newer, Frames.signIn(11, 2, Stubs.GOOD_TOKEN)))).isZero();

        older.runPendingTasks();
        assertThat(older.isOpen()).as("the older connection of the device is replaced").isFalse();
        assertThat(registry.onlineDevices()).isEqualTo(2);
    }

    @Test
    void framesPastTheBurstShouldGetKick22AndClose() {
        server(TcpConfig.DEFAULTS.withFramesPerConnection(new RateLimit(2, 4)));
        EmbeddedChannel channel = connect();
        byte[] hb = Frames.heartbeat();

        List<Frames.Frame> frames = feed(channel, Frames.concat(Frames.signIn(1, 2, Stubs.GOOD_TOKEN), hb, hb, hb, hb, hb));

        assertThat(frames).extracting(Frames.Frame::type).containsExactly(FrameType.SIGN_IN_ACK, FrameType.HEARTBEAT_ACK,
                FrameType.HEARTBEAT_ACK, FrameType.HEARTBEAT_ACK, FrameType.KICK);
        assertThat(frames.getLast().kickCode()).isEqualTo(ResultCode.PROTOCOL_ERROR);
        assertThat(channel.isOpen()).isFalse();
        assertThat(meters.get("jim.tcp.frame_rate.kicks").counter().count()).isEqualTo(1);
    }

    @Test
    void framesAtTheSustainedRateShouldAllBeAnswered() {
        server(TcpConfig.DEFAULTS.withFramesPerConnection(new RateLimit(2, 4)));
        EmbeddedChannel channel = connect();
        assertThat(signInCode(feed(channel, Frames.signIn(1, 2, Stubs.GOOD_TOKEN)))).isZero();
        for (int i = 0; i < 100; i++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
            assertThat(feed(channel, Frames.heartbeat())).extracting(Frames.Frame::type).containsExactly(FrameType.HEARTBEAT_ACK);
        }
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void theFrameLimitShouldBeOffWhenConfiguredOff() {
        server(TcpConfig.DEFAULTS.withFramesPerConnection(RateLimit.OFF));
        EmbeddedChannel channel = connect();
        feed(channel, Frames.signIn(1, 2, Stubs.GOOD_TOKEN));
        byte[][] many = new byte[2000][];
        java.util.Arrays.fill(many, Frames.heartbeat());

        assertThat(feed(channel, Frames.concat(many))).hasSize(2000);
        assertThat(channel.isOpen()).isTrue();
    }
}
