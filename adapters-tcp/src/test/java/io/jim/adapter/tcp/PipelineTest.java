package io.jim.adapter.tcp;

import static io.jim.adapter.tcp.Frames.buf;
import static io.jim.adapter.tcp.Frames.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.in.message.SendMessageUseCase;
import io.jim.application.port.in.message.SyncInboxUseCase;
import io.jim.application.port.out.UnavailableException;
import io.jim.proto.FrameType;
import io.jim.proto.MessageACK;
import io.jim.proto.MessageSendACK;
import io.jim.proto.ResultCode;
import io.jim.proto.SignInACK;
import io.jim.proto.SyncTrigger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole pipeline on an EmbeddedChannel, with frame processing run inline (a direct executor). */
class PipelineTest {

    private static final TcpConfig CONFIG = TcpConfig.DEFAULTS.withPort(0).withMaxFrameBytes(1024);

    private final List<ByteBuf> inputs = new ArrayList<>();
    private SimpleMeterRegistry meters;
    private final Stubs.RecordingAck acks = new Stubs.RecordingAck();
    private ConnectionRegistry registry;
    private EmbeddedChannel channel;

    @AfterEach
    void everyInputBufferShouldBeReleased() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        assertThat(inputs).allSatisfy(b -> assertThat(b.refCnt()).as("input buffer released").isZero());
    }

    private EmbeddedChannel open() {
        return open(Stubs.SEND);
    }

    private EmbeddedChannel open(SendMessageUseCase send) {
        return open(send, Stubs.SYNC_EMPTY);
    }

    private EmbeddedChannel open(SendMessageUseCase send, SyncInboxUseCase sync) {
        meters = new SimpleMeterRegistry();
        TcpMetrics metrics = new TcpMetrics(meters);
        registry = new ConnectionRegistry(meters);
        FrameDispatcher dispatcher = new FrameDispatcher(new SignInProcessor(Stubs.SIGN_IN), new MessageSendProcessor(send, metrics),
                new SyncProcessor(sync, metrics), new MessageAckProcessor(acks), registry,
                CONFIG.maxConnectionsPerUser(), metrics);
        channel = new EmbeddedChannel(new TcpChannelInitializer(CONFIG, Runnable::run, metrics, registry, dispatcher, c -> { }));
        return channel;
    }

    /** Feeds bytes; the buffers are checked for release after the test (a partial frame stays in the cumulation until completed). */
    private void feed(byte[] bytes) {
        ByteBuf in = buf(bytes);
        inputs.add(in);
        channel.writeInbound(in);
    }

    private List<Frames.Frame> written() {
        channel.runPendingTasks();
        List<Frames.Frame> frames = new ArrayList<>();
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            frames.add(Frames.decode(b));
        }
        return frames;
    }

    private void signIn() {
        feed(Frames.signIn(1, 2, Stubs.GOOD_TOKEN));
        assertThat(written()).singleElement().satisfies(f -> assertThat(f.as(SignInACK.parser()).getCode()).isZero());
    }

    private void assertKickedWithProtocolError() {
        List<Frames.Frame> frames = written();
        assertThat(frames).isNotEmpty();
        assertThat(frames.getLast().kickCode()).isEqualTo(ResultCode.PROTOCOL_ERROR);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void validSignInShouldBeAnsweredWithMaxSequenceAndServerTime() {
        open();
        feed(Frames.signIn(1, 2, Stubs.GOOD_TOKEN));

        SignInACK ack = written().getFirst().as(SignInACK.parser());
        assertThat(ack.getCode()).isZero();
        assertThat(ack.getMaxSequence()).isEqualTo(Stubs.MAX_SEQUENCE);
        assertThat(ack.getServerTime()).isEqualTo(Stubs.SERVER_TIME.toEpochMilli());
        assertThat(registry.onlineDevices()).isEqualTo(1);
    }

    @Test
    void badCredentialsShouldGetSignInAck4AndClose() {
        open();
        feed(Frames.signIn(1, 2, "wrong"));

        assertThat(written()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FrameType.SIGN_IN_ACK);
            assertThat(f.as(SignInACK.parser()).getCode()).isEqualTo(ResultCode.UNAUTHENTICATED);
        });
        assertThat(channel.isOpen()).isFalse();
        assertThat(registry.onlineDevices()).isZero();
    }

    @Test
    void framesFedOneByteAtATimeShouldAllBeHandledInOrder() {
        open();
        byte[] stream = concat(Frames.signIn(1, 2, Stubs.GOOD_TOKEN), Frames.heartbeat(), Frames.send(1), Frames.heartbeat(), Frames.send(2));
        for (byte b : stream) {
            feed(new byte[] {b});
        }

        assertThat(written()).extracting(Frames.Frame::type).containsExactly(
                FrameType.SIGN_IN_ACK, FrameType.HEARTBEAT_ACK, FrameType.MESSAGE_SEND_ACK, FrameType.HEARTBEAT_ACK, FrameType.MESSAGE_SEND_ACK);
    }

    @Test
    void severalFramesInOneBufferShouldAllBeHandledInOrder() {
        open();
        feed(concat(Frames.signIn(1, 2, Stubs.GOOD_TOKEN), Frames.send(1), Frames.send(2), Frames.heartbeat(), Frames.send(3)));

        List<Frames.Frame> frames = written();
        assertThat(frames).extracting(Frames.Frame::type).containsExactly(
                FrameType.SIGN_IN_ACK, FrameType.MESSAGE_SEND_ACK, FrameType.MESSAGE_SEND_ACK, FrameType.HEARTBEAT_ACK, FrameType.MESSAGE_SEND_ACK);
        assertThat(frames).filteredOn(f -> f.type() == FrameType.MESSAGE_SEND_ACK)
                .extracting(f -> f.as(MessageSendACK.parser()).getSendSequence()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void declaredLengthOverTheLimitShouldGetKick22WithoutReadingTheBody() {
        open();
        signIn();
        // Only the header: the server must not wait for (or buffer) the announced 2000 bytes.
        feed(new byte[] {0, FrameType.MESSAGE_SEND, (byte) (2000 >> 8), (byte) (2000 & 0xFF)});

        assertKickedWithProtocolError();
    }

    @Test
    void oversizeFrameFollowedByMoreBytesShouldProduceExactlyOneKick() {
        open();
        signIn();
        byte[] oversize = Frames.raw(FrameType.MESSAGE_SEND, new byte[1025]);
        feed(concat(oversize, Frames.heartbeat(), oversize, Frames.heartbeat()));

        List<Frames.Frame> frames = written();
        assertThat(frames).singleElement().satisfies(f -> assertThat(f.kickCode()).isEqualTo(ResultCode.PROTOCOL_ERROR));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void garbageBodyShouldGetKick22() {
        open();
        signIn();
        feed(Frames.raw(FrameType.MESSAGE_SEND, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}));

        assertKickedWithProtocolError();
    }

    @Test
    void garbageSignInBodyShouldGetKick22() {
        open();
        feed(Frames.raw(FrameType.SIGN_IN, new byte[] {0x0A, 0x7F}));

        assertKickedWithProtocolError();
        assertThat(registry.onlineDevices()).isZero();
    }

    @Test
    void repliesToEarlierFramesShouldPrecedeTheKick() {
        open();
        feed(concat(Frames.signIn(1, 2, Stubs.GOOD_TOKEN), Frames.send(1), Frames.raw(FrameType.SYNC_TRIGGER, new byte[] {(byte) 0xFF}),
                Frames.heartbeat()));

        List<Frames.Frame> frames = written();
        assertThat(frames).extracting(Frames.Frame::type).containsExactly(FrameType.SIGN_IN_ACK, FrameType.MESSAGE_SEND_ACK, FrameType.KICK);
        assertThat(frames.getLast().kickCode()).isEqualTo(ResultCode.PROTOCOL_ERROR);
    }

    @Test
    void frameBeforeSignInShouldGetKick22() {
        open();
        feed(Frames.heartbeat());

        assertKickedWithProtocolError();
    }

    @Test
    void unknownCodeBeforeSignInShouldGetKick22() {
        open();
        feed(Frames.raw(42, new byte[] {1, 2, 3}));

        assertKickedWithProtocolError();
    }

    @Test
    void serverCodesFromTheClientShouldGetKick22() {
        for (int serverCode : new int[] {FrameType.SIGN_IN_ACK, FrameType.HEARTBEAT_ACK, FrameType.MESSAGE_SEND_ACK, FrameType.MESSAGE, FrameType.KICK}) {
            open();
            signIn();
            feed(Frames.raw(serverCode, new byte[0]));

            assertKickedWithProtocolError();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void codeZeroShouldGetKick22() {
        open();
        signIn();
        feed(Frames.raw(0, new byte[0]));

        assertKickedWithProtocolError();
    }

    @Test
    void secondSignInShouldGetKick22() {
        open();
        signIn();
        feed(Frames.signIn(1, 2, Stubs.GOOD_TOKEN));

        assertKickedWithProtocolError();
        assertThat(registry.onlineDevices()).isZero();
    }

    @Test
    void emptyHeartbeatShouldBeAnswered() {
        open();
        signIn();
        feed(Frames.heartbeat());

        assertThat(written()).extracting(Frames.Frame::type).containsExactly(FrameType.HEARTBEAT_ACK);
        assertThat(written()).isEmpty();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void heartbeatWithABodyShouldGetKick22() {
        open();
        signIn();
        feed(Frames.raw(FrameType.HEARTBEAT, new byte[] {0}));

        assertKickedWithProtocolError();
    }

    @Test
    void unknownCodeAfterSignInShouldBeIgnored() {
        open();
        signIn();
        feed(concat(Frames.raw(11, new byte[0]), Frames.raw(4242, new byte[] {(byte) 0xFF, 1, 2}), Frames.heartbeat()));

        assertThat(written()).extracting(Frames.Frame::type).containsExactly(FrameType.HEARTBEAT_ACK);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void syncTriggerShouldAlwaysBeAnsweredEvenWhenEmpty() {
        open();
        signIn();
        feed(Frames.bytes(FrameType.SYNC_TRIGGER, SyncTrigger.newBuilder().setSyncSequence(3).setLimit(10).build()));

        assertThat(written()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FrameType.MESSAGE);
            io.jim.proto.Message batch = f.as(io.jim.proto.Message.parser());
            assertThat(batch.getType()).isEqualTo(MessageItems.SYNC_BATCH);
            assertThat(batch.getMessagesList()).isEmpty();
            assertThat(batch.getHasMore()).isFalse();
        });
    }

    @Test
    void syncThatCannotReadTheInboxShouldCloseRatherThanAnswerWrongly() {
        open(Stubs.SEND, query -> {
            throw new UnavailableException("db down", null);
        });
        signIn();
        feed(Frames.bytes(FrameType.SYNC_TRIGGER, SyncTrigger.getDefaultInstance()));

        assertThat(written()).isEmpty();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void messageAckShouldTakeEffectWithoutAReply() {
        open();
        signIn();
        feed(concat(Frames.bytes(FrameType.MESSAGE_ACK, MessageACK.newBuilder().setMessageId(5).setSyncSequence(4).build()), Frames.heartbeat()));

        assertThat(written()).extracting(Frames.Frame::type).containsExactly(FrameType.HEARTBEAT_ACK);
        assertThat(acks.acked).containsExactly(4L);
    }

    @Test
    void noSignInWithinTheDeadlineShouldGetKick22() {
        open();
        channel.advanceTimeBy(CONFIG.signInTimeout().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertKickedWithProtocolError();
    }

    @Test
    void signedInConnectionShouldNotBeKickedByTheSignInDeadline() {
        open();
        signIn();
        channel.advanceTimeBy(CONFIG.signInTimeout().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(written()).isEmpty();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void silenceForTheHeartbeatTimeoutShouldCloseTheConnection() {
        open();
        signIn();
        channel.advanceTimeBy(CONFIG.heartbeatTimeout().plus(Duration.ofSeconds(1)).toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(registry.onlineDevices()).isZero();
    }

    @Test
    void framesShouldBeCountedByType() {
        open();
        signIn();
        feed(concat(Frames.heartbeat(), Frames.heartbeat()));
        written();

        assertThat(meters.get("jim.tcp.frames.in").tag("type", "heartbeat").counter().count()).isEqualTo(2);
        assertThat(meters.get("jim.tcp.frames.out").tag("type", "heartbeat_ack").counter().count()).isEqualTo(2);
        assertThat(meters.get("jim.tcp.frames.out").tag("type", "sign_in_ack").counter().count()).isEqualTo(1);
    }
}
