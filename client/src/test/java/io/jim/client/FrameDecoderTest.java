package io.jim.client;

import io.jim.proto.FrameType;
import io.jim.proto.Kick;
import io.jim.proto.SignIn;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameDecoderTest {

    private static final List<Frame> FRAMES = List.of(
            Frame.of(FrameType.SIGN_IN, SignIn.newBuilder().setUserId(1).setDeviceId(2).setToken("t").build()),
            Frame.empty(FrameType.HEARTBEAT),
            Frame.empty(FrameType.HEARTBEAT_ACK),
            Frame.of(FrameType.KICK, Kick.newBuilder().setCode(22).setMessage("bye").build()),
            new Frame(0xFFFF, new byte[FrameType.MAX_BODY_BYTES]),
            Frame.empty(FrameType.HEARTBEAT));

    private static byte[] wire() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FRAMES.forEach(f -> out.writeBytes(f.encode()));
        return out.toByteArray();
    }

    @Test
    void encodedHeaderIsTypeThenLengthBigEndian() {
        byte[] bytes = new Frame(0x0102, new byte[]{9, 8, 7}).encode();
        assertThat(bytes).containsExactly(0x01, 0x02, 0x00, 0x03, 9, 8, 7);
        assertThat(new Frame(0xFFFF, new byte[0x1234]).encode()).startsWith(0xFF, 0xFF, 0x12, 0x34);
    }

    @Test
    void framesFedOneByteAtATimeAreDecodedInOrder() {
        FrameDecoder decoder = new FrameDecoder();
        List<Frame> out = new ArrayList<>();
        byte[] wire = wire();
        for (int i = 0; i < wire.length; i++) {
            decoder.feed(wire, i, 1, out::add);
        }
        assertThat(out).containsExactlyElementsOf(FRAMES);
        assertThat(decoder.hasPartialFrame()).isFalse();
    }

    @Test
    void manyFramesInOneChunkAreAllDecoded() {
        assertThat(new FrameDecoder().feed(wire())).containsExactlyElementsOf(FRAMES);
    }

    @Test
    void framesSplitAtRandomPointsAreDecodedInOrder() {
        byte[] wire = wire();
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            FrameDecoder decoder = new FrameDecoder();
            List<Frame> out = new ArrayList<>();
            int pos = 0;
            while (pos < wire.length) {
                int n = Math.min(wire.length - pos, 1 + random.nextInt(9));
                // Copy into a fresh array so that the decoder cannot rely on seeing the whole input.
                byte[] chunk = Arrays.copyOfRange(wire, pos, pos + n);
                decoder.feed(chunk, 0, n, out::add);
                pos += n;
            }
            assertThat(out).containsExactlyElementsOf(FRAMES);
        }
    }

    @Test
    void emptyBodyFrameCompletesWithItsHeaderAtTheEndOfAChunk() {
        FrameDecoder decoder = new FrameDecoder();
        byte[] heartbeat = Frame.empty(FrameType.HEARTBEAT).encode();
        assertThat(decoder.feed(Arrays.copyOf(heartbeat, 2))).isEmpty();
        assertThat(decoder.hasPartialFrame()).isTrue();
        assertThat(decoder.feed(Arrays.copyOfRange(heartbeat, 2, 4))).containsExactly(Frame.empty(FrameType.HEARTBEAT));
        assertThat(decoder.hasPartialFrame()).isFalse();
    }

    @Test
    void bodyTooLargeForTheLengthFieldIsRefused() {
        assertThatThrownBy(() -> new Frame(1, new byte[FrameType.MAX_BODY_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
