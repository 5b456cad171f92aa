package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jim.proto.FrameType;
import io.jim.proto.Kick;
import io.jim.proto.Message;
import io.jim.proto.MessageSendACK;
import io.jim.proto.ResultCode;
import io.jim.proto.SignInACK;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fuzzes the TLV decoder and every message parser through the real pipeline ({@link TcpChannelInitializer}
 * on an {@link EmbeddedChannel}, stub use cases, frames processed inline). For every input the channel
 * either stays open having answered per the protocol, or answers Kick{22} (or a refusing SignInACK) and
 * closes; no exception reaches the tail of the pipeline, nothing is logged at WARN or above, every buffer
 * allocated for the input or by the pipeline is released, and a well-behaved client on a fresh channel is
 * served after every {@value #GOOD_CLIENT_EVERY} inputs. Inputs made of well-formed frames only must get
 * exactly the answers the protocol prescribes.
 *
 * <p>Seeded and time-bounded: {@code -Djim.fuzz.seconds=N} (default 30) and {@code -Djim.fuzz.seed=S}
 * (default fixed, so a CI failure replays); a failure names the input's own seed.
 */
class WireFuzzTest {

    private static final Logger log = LoggerFactory.getLogger(WireFuzzTest.class);

    private static final int GOOD_CLIENT_EVERY = 200;
    private static final TcpConfig CONFIG = TcpConfig.DEFAULTS.withPort(0).withMaxFrameBytes(4096);

    private enum Outcome { OPEN, KICKED, SIGN_IN_REFUSED }

    /** Shared by all channels, as on the server (building meters per input would dominate the run time). */
    private static final TcpMetrics METRICS = new TcpMetrics(new SimpleMeterRegistry());
    private static final ConnectionRegistry REGISTRY = new ConnectionRegistry(new SimpleMeterRegistry());
    private static final FrameDispatcher DISPATCHER = new FrameDispatcher(new SignInProcessor(Stubs.SIGN_IN),
            new MessageSendProcessor(FuzzSupport.SEND, METRICS), new SyncProcessor(FuzzSupport.SYNC, METRICS),
            new MessageAckProcessor(FuzzSupport.ACK), REGISTRY, CONFIG.maxConnectionsPerUser(), METRICS);

    @Test
    void hostileInputShouldNeverEscapeThePipelineLeakOrDisturbAGoodClient() {
        Duration budget = FuzzSupport.duration("jim.fuzz.seconds", 30);
        long seed = Long.getLong("jim.fuzz.seed", 0x5EED_F00DL);
        Random master = new Random(seed);
        Map<String, Integer> byKind = new TreeMap<>();
        Map<Outcome, Integer> byOutcome = new EnumMap<>(Outcome.class);
        long inputs = 0;
        long goodClients = 0;
        long bytes = 0;
        long deadline = System.nanoTime() + budget.toNanos();
        try (FuzzSupport.LogProbe logs = new FuzzSupport.LogProbe()) {
            while (System.nanoTime() < deadline) {
                long inputSeed = master.nextLong();
                Random random = new Random(inputSeed);
                WireInputs.Input input = new WireInputs(random, CONFIG.maxFrameBytes()).next();
                Outcome outcome;
                try {
                    outcome = run(input, random);
                    assertThat(logs.drain()).as("log lines at WARN or above").isEmpty();
                } catch (AssertionError e) {
                    throw new AssertionError("input #" + inputs + " (seed " + inputSeed + ", kind " + input.kind() + ", signed in "
                            + input.signedIn() + "): " + WireInputs.hex(input.bytes(), 256) + "\n" + e.getMessage(), e);
                }
                inputs++;
                bytes += input.bytes().length;
                byKind.merge(input.kind(), 1, Integer::sum);
                byOutcome.merge(outcome, 1, Integer::sum);
                if (inputs % GOOD_CLIENT_EVERY == 0) {
                    goodClient();
                    goodClients++;
                }
            }
            goodClient();
            goodClients++;
        }
        log.warn("wire fuzz: {} inputs ({} bytes) in {} s, seed {}, by kind {}, outcomes {}, good-client exchanges {}",
                inputs, bytes, budget.toSeconds(), seed, byKind, byOutcome, goodClients);
        assertThat(inputs).isPositive();
    }

    /** A fresh connection, as on the server, plus a probe at the tail that records whatever gets there. */
    private static final class Pipe implements AutoCloseable {
        final FuzzSupport.TrackingAllocator allocator = new FuzzSupport.TrackingAllocator();
        final List<Throwable> escaped = new ArrayList<>();
        final List<Object> unhandled = new ArrayList<>();
        final ConnectionRegistry registry = REGISTRY;
        final EmbeddedChannel channel;

        Pipe() {
            channel = new EmbeddedChannel();
            channel.config().setAllocator(allocator);
            channel.pipeline().addLast(new TcpChannelInitializer(CONFIG, Runnable::run, METRICS, REGISTRY, DISPATCHER, c -> { }));
            channel.pipeline().addLast("probe", new ChannelInboundHandlerAdapter() {
                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    escaped.add(cause);
                }

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    unhandled.add(msg.getClass().getName());
                    ReferenceCountUtil.release(msg);
                }
            });
        }

        void feed(byte[] bytes, Random random) {
            int at = 0;
            while (at < bytes.length && channel.isOpen()) {
                int n = random.nextInt(4) == 0 ? bytes.length - at : 1 + random.nextInt(Math.min(bytes.length - at, 64));
                ByteBuf in = allocator.buffer(n);
                in.writeBytes(bytes, at, n);
                at += n;
                channel.writeInbound(in);
            }
            channel.runPendingTasks();
        }

        List<Frames.Frame> written() {
            channel.runPendingTasks();
            List<Frames.Frame> frames = new ArrayList<>();
            for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
                frames.add(Frames.decode((ByteBuf) o));
            }
            return frames;
        }

        void signIn() {
            feed(Frames.signIn(WireInputs.DEVICE, WireInputs.USER, Stubs.GOOD_TOKEN), new Random(0));
            assertThat(written()).singleElement().satisfies(f -> assertThat(f.as(SignInACK.parser()).getCode()).isZero());
        }

        @Override
        public void close() {
            channel.finishAndReleaseAll();
            channel.checkException();
            assertThat(escaped).as("exceptions that reached the tail of the pipeline").isEmpty();
            assertThat(unhandled).as("messages that reached the tail of the pipeline").isEmpty();
            assertThat(allocator.unreleasedAndReset()).as("buffers not released").isEmpty();
            assertThat(registry.onlineDevices()).as("online devices after the close").isZero();
        }
    }

    private static Outcome run(WireInputs.Input input, Random random) {
        List<Frames.Frame> frames;
        boolean open;
        try (Pipe pipe = new Pipe()) {
            if (input.signedIn()) {
                pipe.signIn();
            }
            pipe.feed(input.bytes(), random);
            frames = pipe.written();
            open = pipe.channel.isOpen();
            assertThat(pipe.registry.onlineDevices()).as("online devices").isEqualTo(open && (input.signedIn()
                    || frames.stream().anyMatch(f -> f.type() == FrameType.SIGN_IN_ACK && f.as(SignInACK.parser()).getCode() == 0)) ? 1 : 0);
        }
        frames.forEach(WireFuzzTest::assertWellFormedServerFrame);
        List<Integer> types = frames.stream().map(Frames.Frame::type).toList();
        if (input.expected() != null) {
            assertThat(types).as("answers prescribed by the protocol").isEqualTo(input.expected().replies());
            assertThat(!open).as("closed").isEqualTo(input.expected().closes());
        }
        if (open) {
            assertThat(types).as("no Kick on an open connection").doesNotContain(FrameType.KICK);
            return Outcome.OPEN;
        }
        assertThat(frames).as("a connection is closed only after a Kick or a refusing SignInACK").isNotEmpty();
        Frames.Frame last = frames.getLast();
        assertThat(types.subList(0, types.size() - 1)).as("nothing after the Kick, one Kick").doesNotContain(FrameType.KICK);
        if (last.type() == FrameType.KICK) {
            assertThat(last.kickCode()).isEqualTo(ResultCode.PROTOCOL_ERROR);
            return Outcome.KICKED;
        }
        assertThat(last.type()).isEqualTo(FrameType.SIGN_IN_ACK);
        assertThat(last.as(SignInACK.parser()).getCode()).isNotZero();
        return Outcome.SIGN_IN_REFUSED;
    }

    private static void assertWellFormedServerFrame(Frames.Frame frame) {
        try {
            switch (frame.type()) {
                case FrameType.SIGN_IN_ACK -> SignInACK.parseFrom(frame.body());
                case FrameType.HEARTBEAT_ACK -> assertThat(frame.body()).isEmpty();
                case FrameType.MESSAGE_SEND_ACK -> MessageSendACK.parseFrom(frame.body());
                case FrameType.MESSAGE -> Message.parseFrom(frame.body());
                case FrameType.KICK -> Kick.parseFrom(frame.body());
                default -> throw new AssertionError("the server wrote frame code " + frame.type());
            }
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the server wrote an unparsable body for code " + frame.type(), e);
        }
    }

    /** A valid sign-in, heartbeat, send and sync on a fresh channel must be answered as usual. */
    private static void goodClient() {
        try (Pipe pipe = new Pipe()) {
            pipe.signIn();
            pipe.feed(Frames.concat(Frames.heartbeat(), Frames.send(1), Frames.bytes(FrameType.SYNC_TRIGGER,
                    io.jim.proto.SyncTrigger.newBuilder().setSyncSequence(0).setLimit(10).build())), new Random(1));
            List<Frames.Frame> frames = pipe.written();
            assertThat(frames).extracting(Frames.Frame::type)
                    .containsExactly(FrameType.HEARTBEAT_ACK, FrameType.MESSAGE_SEND_ACK, FrameType.MESSAGE);
            assertThat(frames.get(1).as(MessageSendACK.parser()).getCode()).isZero();
            assertThat(pipe.channel.isOpen()).isTrue();
        }
    }
}
